/** The dense layer as one op: `act(x @ kernel + bias)` with a fused epilogue and its gradient. */
import { fmtShape, NablaError } from '../../core/errors.js';
import { isFloat } from '../../core/dtype.js';
import type { FusedActivation } from '../../backend/backend.js';
import { noGrad } from '../engine.js';
import { Tensor } from '../tensor.js';
import { add } from './binary.js';
import { matmul } from './matmul.js';
import { reshape } from './shape.js';
import { relu } from './unary.js';
import { assertTensor, empty } from './util.js';

/**
 * A fully connected layer's forward pass, `act(x @ kernel + bias)`, as one op: the bias and the
 * activation are applied in place on the product (one pass, no temporaries) and the backward pass
 * computes the activation's gradient and the bias gradient in one pass too. Where the backend has
 * no fused kernels (or for mixed dtypes) it composes `matmul`, `add` and `relu`, with the same
 * values and gradients.
 *
 * Shapes: x `[..., inDim]`, kernel `[inDim, units]`, bias `[units]` or null → `[..., units]`.
 *
 * @example denseForward(x, w, b, 'relu') // = relu(matmul(x, w).add(b))
 */
export function denseForward(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | null,
  activation: FusedActivation = 'linear',
): Tensor {
  assertTensor('denseForward', x, 'x');
  assertTensor('denseForward', kernel, 'kernel');
  if (bias !== null) assertTensor('denseForward', bias, 'bias');
  if (kernel.rank !== 2 || (bias !== null && (bias.rank !== 1 || bias.size !== kernel.shape[1]))) {
    const got = `kernel ${fmtShape(kernel.shape)}${bias ? `, bias ${fmtShape(bias.shape)}` : ''}`;
    throw new NablaError('denseForward', `expects kernel [inDim, units], bias [units]; got ${got}`);
  }
  if (x.rank > 2) {
    const lead = x.shape.slice(0, -1);
    const flat = reshape(x, [-1, x.shape[x.rank - 1]!]);
    return reshape(denseForward(flat, kernel, bias, activation), [...lead, kernel.shape[1]!]);
  }
  if (x.rank !== 2 || bias === null || !fusable(x, kernel, bias)) {
    return composite(x, kernel, bias, activation);
  }
  return fused(x, kernel, bias, activation);
}

/** `act(x @ kernel + bias)` from primitives; the fused path is tested against it. */
export function denseComposite(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | null,
  activation: FusedActivation = 'linear',
): Tensor {
  return composite(x, kernel, bias, activation);
}

function composite(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
): Tensor {
  const linear = matmul(x, kernel);
  const z = bias ? add(linear, bias) : linear;
  return activation === 'relu' ? relu(z) : z;
}

function fusable(x: Tensor, kernel: Tensor, bias: Tensor): boolean {
  const b = x.backend;
  return (
    b.biasActivation !== undefined &&
    b.biasActivationGrad !== undefined &&
    kernel.backend === b &&
    bias.backend === b &&
    isFloat(x.dtype) &&
    kernel.dtype === x.dtype &&
    bias.dtype === x.dtype
  );
}

function fused(x: Tensor, kernel: Tensor, bias: Tensor, activation: FusedActivation): Tensor {
  const backend = x.backend;
  const rows = x.shape[0]!;
  const cols = kernel.shape[1]!;
  // The product is a fresh tensor only this op sees, so the epilogue may overwrite it.
  const out = noGrad(() => matmul(x, kernel));
  const buffer = out.storage.buffer;
  backend.biasActivation!(buffer, bias.storage.buffer, rows, cols, activation, buffer);
  return Tensor.attach(out, 'dense', [x, kernel, bias], (g) => {
    const relu = activation === 'relu';
    const dz = relu ? empty(out.shape, out.dtype, backend) : g;
    const db = bias.requiresGrad ? empty(bias.shape, bias.dtype, backend) : null;
    if (relu || db) {
      backend.biasActivationGrad!(
        g.storage.buffer,
        out.storage.buffer,
        rows,
        cols,
        activation,
        relu ? dz.storage.buffer : null,
        db && db.storage.buffer,
      );
    }
    const gx = x.requiresGrad ? matmul(dz, kernel, false, true) : null;
    const gk = kernel.requiresGrad ? matmul(x, dz, true, false) : null;
    return [gx, gk, db];
  });
}
