/** Softmax and log-softmax along an axis: one primitive each, stable for any input. */
import { normAxis } from '../../core/errors.js';

import { softmax as softmaxKernel } from '../../backends/cpu/kernels.js';
import { noGrad } from '../engine.js';
import { Tensor } from '../tensor.js';
import { mul, sub } from './binary.js';
import { sum } from './reduce.js';
import { exp } from './unary.js';
import { transpose } from './shape.js';
import { assertFloat, assertTensor, empty } from './util.js';

function rowSoftmax(x: Tensor, log: boolean): Tensor {
  const cols = x.shape[x.rank - 1] ?? 1;
  const rows = cols === 0 ? 0 : x.size / cols;
  const out = empty(x.shape, x.dtype, x.backend);
  const b = x.backend;
  if (b.softmax) b.softmax(x.storage.buffer, rows, cols, log, out.storage.buffer);
  else softmaxKernel(b.view(x.storage.buffer), rows, cols, log, b.view(out.storage.buffer));
  return out;
}

function softmaxAlong(op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor {
  assertTensor(op, x);
  assertFloat(op, x);
  const log = op === 'logSoftmax';
  const a = normAxis(op, axis, Math.max(x.rank, 1), x.shape);
  if (x.rank > 0 && a !== x.rank - 1) {
    // Move the axis last, apply, and move it back.
    const perm = x.shape.map((_, i) => i);
    perm.splice(a, 1);
    perm.push(a);
    const inverse = new Array<number>(x.rank);
    perm.forEach((p, i) => (inverse[p] = i));
    return transpose(softmaxAlong(op, transpose(x, perm), -1), inverse);
  }
  const out = rowSoftmax(x, log);
  return Tensor.attach(out, op, [x], (g) => {
    if (log) {
      // d/dx log softmax: g − softmax · Σg
      return [sub(g, mul(exp(out), sum(g, -1, true)))];
    }
    // d/dx softmax: y ⊙ (g − Σ g⊙y), one fused pass where the backend has it.
    const b = out.backend;
    if (b.softmaxGrad && g.backend === b && g.dtype === out.dtype) {
      const dx = empty(out.shape, out.dtype, b);
      const cols = out.shape[out.rank - 1] ?? 1;
      const rows = cols === 0 ? 0 : out.size / cols;
      b.softmaxGrad(g.storage.buffer, out.storage.buffer, rows, cols, dx.storage.buffer);
      return [dx];
    }
    return [mul(out, sub(g, sum(mul(g, out), -1, true)))];
  });
}

/** `exp(x) / Σ exp(x)` along `axis` (the last by default), shifted by the max for stability. */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxAlong('softmax', x, axis);
}

/** `x − logΣexp(x)` along `axis`: the log of softmax without its underflow. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return softmaxAlong('logSoftmax', x, axis);
}

/** The softmax written with primitives only; the fused kernel is tested against it. */
export function softmaxComposite(x: Tensor, axis = -1): Tensor {
  const shifted = sub(x, noGrad(() => x.max(axis, true)));
  const e = exp(shifted);
  return e.div(sum(e, axis, true));
}

