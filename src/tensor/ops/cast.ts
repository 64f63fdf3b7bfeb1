import { isFloat, isDType, type DType } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import { Tensor } from '../tensor.js';
import { assertTensor, empty } from './util.js';

/** Converts to `dtype` (float → int truncates toward zero; → bool is `!= 0`). */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor('cast', x);
  if (!isDType(dtype)) throw new NablaError('cast', `unknown dtype '${String(dtype)}'`);
  const out = empty(x.shape, dtype, x.backend);
  x.backend.cast(x.storage.buffer, out.storage.buffer);
  if (!isFloat(dtype) || !isFloat(x.dtype)) return out;
  return Tensor.attach(out, 'cast', [x], (g) => [cast(g, x.dtype)]);
}

/** A copy with its own storage, differentiable. */
export function clone(x: Tensor): Tensor {
  assertTensor('clone', x);
  const out = empty(x.shape, x.dtype, x.backend);
  x.backend.view(out.storage.buffer).set(x.backend.view(x.storage.buffer).subarray(0, x.size));
  return Tensor.attach(out, 'clone', [x], (g) => [g]);
}

/** Shares the data but not the graph: no gradient flows back through the result. */
export function detach(x: Tensor): Tensor {
  assertTensor('detach', x);
  return new Tensor(x.storage.retain(), x.shape, x.dtype);
}
