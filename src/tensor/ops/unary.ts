/** Elementwise unary primitives, each with its gradient. */
import { isFloat, toFloat, type DType } from '../../core/dtype.js';
import type { UnaryOp } from '../../backend/backend.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { add, div, mul, sub } from './binary.js';
import { assertTensor, empty } from './util.js';

/** How an op treats its input dtype. */
type Domain = 'float' | 'same' | 'bool';

/**
 * Runs a unary kernel and records its gradient (`backward(grad, x, out)`). Backward closures
 * run inside a scope that frees their temporaries, so they need no manual disposal.
 */
function unaryPrimitive(
  op: UnaryOp,
  x: Tensor,
  domain: Domain,
  backward: ((g: Tensor, x: Tensor, out: Tensor) => Tensor) | null,
): Tensor {
  assertTensor(op, x);
  let input = x;
  const wanted: DType = domain === 'float' ? toFloat(x.dtype) : domain === 'bool' ? 'bool' : x.dtype;
  if (input.dtype !== wanted) input = cast(x, wanted);
  const out = empty(input.shape, wanted, input.backend);
  input.backend.unary(op, input.storage.buffer, out.storage.buffer);
  if (input !== x) input.dispose();
  if (!backward || !isFloat(wanted)) return out;
  return Tensor.attach(out, op, [x], (g) => [backward(g, x, out)]);
}

/** `-x`. */
export function neg(x: Tensor): Tensor {
  return unaryPrimitive('neg', x, 'same', (g) => neg(g));
}
/** `|x|`; the gradient at 0 is 0, as in PyTorch. */
export function abs(x: Tensor): Tensor {
  return unaryPrimitive('abs', x, 'same', (g, xv) => mul(g, sign(xv)));
}
/** `√x`. */
export function sqrt(x: Tensor): Tensor {
  return unaryPrimitive('sqrt', x, 'float', (g, _x, out) => div(g, mul(out, 2)));
}
/** `1/√x`. */
export function rsqrt(x: Tensor): Tensor {
  return unaryPrimitive('rsqrt', x, 'float', (g, _x, out) =>
    mul(g, mul(mul(mul(out, out), out), -0.5)),
  );
}
/** `eˣ`. */
export function exp(x: Tensor): Tensor {
  return unaryPrimitive('exp', x, 'float', (g, _x, out) => mul(g, out));
}
/** `eˣ − 1`, accurate near 0. */
export function expm1(x: Tensor): Tensor {
  return unaryPrimitive('expm1', x, 'float', (g, _x, out) => mul(g, add(out, 1)));
}
/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return unaryPrimitive('log', x, 'float', (g, xv) => div(g, xv));
}
/** `ln(1 + x)`, accurate near 0. */
export function log1p(x: Tensor): Tensor {
  return unaryPrimitive('log1p', x, 'float', (g, xv) => div(g, add(xv, 1)));
}
/** Sine. */
export function sin(x: Tensor): Tensor {
  return unaryPrimitive('sin', x, 'float', (g, xv) => mul(g, cos(xv)));
}
/** Cosine. */
export function cos(x: Tensor): Tensor {
  return unaryPrimitive('cos', x, 'float', (g, xv) => mul(g, neg(sin(xv))));
}
/** Hyperbolic tangent; `d/dx = 1 − tanh²`. */
export function tanh(x: Tensor): Tensor {
  return unaryPrimitive('tanh', x, 'float', (g, _x, out) => {
    return mul(g, sub(1, mul(out, out)));
  });
}
/** Logistic sigmoid `1/(1+e⁻ˣ)`, stable for large |x|; `d/dx = σ(1−σ)`. */
export function sigmoid(x: Tensor): Tensor {
  return unaryPrimitive('sigmoid', x, 'float', (g, _x, out) => {
    return mul(g, mul(out, sub(1, out)));
  });
}
/** `max(x, 0)`; the gradient at 0 is 0. */
export function relu(x: Tensor): Tensor {
  return unaryPrimitive('relu', x, 'same', (g, xv) => mul(g, step(xv)));
}
/** 1 where x > 0, else 0 (no gradient). */
export function step(x: Tensor): Tensor {
  return unaryPrimitive('step', x, 'same', null);
}
/** −1, 0 or 1 (no gradient). */
export function sign(x: Tensor): Tensor {
  return unaryPrimitive('sign', x, 'same', null);
}
/** `x²`. */
export function square(x: Tensor): Tensor {
  return unaryPrimitive('square', x, 'same', (g, xv) => mul(g, mul(xv, 2)));
}
/** `1/x`. */
export function reciprocal(x: Tensor): Tensor {
  return unaryPrimitive('reciprocal', x, 'float', (g, _x, out) =>
    mul(g, neg(square(out))),
  );
}
/** Rounds down (no gradient). */
export function floor(x: Tensor): Tensor {
  return unaryPrimitive('floor', x, 'same', null);
}
/** Rounds up (no gradient). */
export function ceil(x: Tensor): Tensor {
  return unaryPrimitive('ceil', x, 'same', null);
}
/** Rounds half to even (no gradient). */
export function round(x: Tensor): Tensor {
  return unaryPrimitive('round', x, 'same', null);
}
/** The error function; `d/dx = 2/√π · e^(−x²)`. */
export function erf(x: Tensor): Tensor {
  return unaryPrimitive('erf', x, 'float', (g, xv) => {
    return mul(g, mul(exp(neg(square(xv))), 2 / Math.sqrt(Math.PI)));
  });
}
/** Logical not; any dtype, bool result. */
export function logicalNot(x: Tensor): Tensor {
  return unaryPrimitive('logicalNot', x, 'bool', null);
}
