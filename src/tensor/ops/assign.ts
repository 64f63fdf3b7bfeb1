/** In-place writes, for optimizers and layer state (moving averages). Never recorded in a graph. */
import { NablaError, fmtShape } from '../../core/errors.js';
import { shapesEqual } from '../../core/shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './util.js';

/**
 * Copies `value`'s elements into `target`'s storage (same shape; the dtype is converted).
 * Views sharing the storage see the change. The target's graph history is not affected.
 */
export function assign(target: Tensor, value: Tensor): void {
  assertTensor('assign', target, 'target');
  assertTensor('assign', value, 'value');
  if (!shapesEqual(target.shape, value.shape)) {
    throw new NablaError('assign', `shape ${fmtShape(value.shape)} does not match target ${fmtShape(target.shape)}`);
  }
  if (target.backend !== value.backend) {
    throw new NablaError('assign', `value lives on backend '${value.backend.name}', target on '${target.backend.name}'`);
  }
  if (value.storage === target.storage) return;
  if (target.dtype === value.dtype) {
    target.backend
      .view(target.storage.buffer)
      .set(value.backend.view(value.storage.buffer).subarray(0, value.size));
  } else {
    target.backend.cast(value.storage.buffer, target.storage.buffer);
  }
}
