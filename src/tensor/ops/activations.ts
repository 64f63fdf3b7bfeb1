/**
 * Activation functions as compositions of primitives (their gradients follow from the chain
 * rule). `relu`, `sigmoid` and `tanh` are primitives in `unary.ts` for speed.
 */
import { check } from '../../core/errors.js';
import { Tensor } from '../tensor.js';
import { add, div, gt, lt, maximum, mul } from './binary.js';
import { abs, erf, exp, expm1, log1p, neg, sigmoid, tanh } from './unary.js';
import { where } from './where.js';
import { assertTensor } from './util.js';

export { relu, sigmoid, tanh } from './unary.js';

/** Clamps to `[min, max]`; the gradient flows where `min ≤ x ≤ max`, as in PyTorch. */
export function clip(x: Tensor, min: number, max: number): Tensor {
  assertTensor('clip', x);
  check(min <= max, 'clip', () => `min ${min} must not exceed max ${max}`);
  return where(lt(x, min), min, where(gt(x, max), max, x));
}

/** `min(max(x, 0), 6)`. */
export function relu6(x: Tensor): Tensor {
  return clip(x, 0, 6);
}

/**
 * `x` for x > 0, `alpha·x` otherwise. nabla's default slope is 0.01 (the article's example and
 * PyTorch's); Keras's `LeakyReLU` layer defaults to 0.3.
 */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  assertTensor('leakyRelu', x);
  return where(gt(x, 0), x, mul(x, alpha));
}

/** Exponential linear unit: `x` for x > 0, `alpha·(eˣ − 1)` otherwise. */
export function elu(x: Tensor, alpha = 1): Tensor {
  assertTensor('elu', x);
  return where(gt(x, 0), x, mul(expm1(x), alpha));
}

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** Scaled ELU with the self-normalising constants of Klambauer et al. (2017). */
export function selu(x: Tensor): Tensor {
  return mul(elu(x, SELU_ALPHA), SELU_SCALE);
}

/**
 * Gaussian error linear unit: exact `x·Φ(x) = ½x(1 + erf(x/√2))`, or with `approximate` the tanh
 * form `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
 */
export function gelu(x: Tensor, approximate = false): Tensor {
  assertTensor('gelu', x);
  if (approximate) {
    const cube = mul(mul(x, x), x);
    const inner = mul(add(x, mul(cube, 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

/** Sigmoid-weighted linear unit `x·σ(x)` (also called swish). */
export function silu(x: Tensor): Tensor {
  assertTensor('silu', x);
  return mul(x, sigmoid(x));
}

/** Alias of `silu`. */
export const swish = silu;

/** `ln(1 + eˣ)`, computed as `max(x, 0) + ln(1 + e^(−|x|))` so it never overflows. */
export function softplus(x: Tensor): Tensor {
  assertTensor('softplus', x);
  return add(maximum(x, 0), log1p(exp(neg(abs(x)))));
}

/** `x / (1 + |x|)`. */
export function softsign(x: Tensor): Tensor {
  assertTensor('softsign', x);
  return div(x, add(abs(x), 1));
}

/** Keras 3's piecewise-linear sigmoid `clip(x/6 + ½, 0, 1)`. */
export function hardSigmoid(x: Tensor): Tensor {
  assertTensor('hardSigmoid', x);
  return clip(add(div(x, 6), 0.5), 0, 1);
}

/** `x·tanh(softplus(x))` (Misra, 2019). */
export function mish(x: Tensor): Tensor {
  return mul(x, tanh(softplus(x)));
}

/** The identity, for symmetry with the other activations. */
export function linear(x: Tensor): Tensor {
  assertTensor('linear', x);
  return x;
}
