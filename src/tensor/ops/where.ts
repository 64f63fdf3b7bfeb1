import { NablaError, fmtShape } from '../../core/errors.js';
import { broadcastShapes, broadcastStrides } from '../../core/shape.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { assertTensor, empty, liftPair, resultType, unbroadcast, type TensorOrScalar } from './util.js';

/**
 * Picks `a` where `condition` is true and `b` elsewhere, all three broadcast together.
 * Gradients flow to the picked operand only.
 */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  assertTensor('where', condition, 'condition');
  if (condition.dtype !== 'bool') {
    throw new NablaError('where', `condition must be bool, got ${condition.dtype} ${fmtShape(condition.shape)}`);
  }
  const [x, y] = liftPair('where', a, b);
  const type = resultType(x, y);
  const xs = x.dtype === type ? x : cast(x, type);
  const ys = y.dtype === type ? y : cast(y, type);
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, x.shape), y.shape);
  const out = empty(shape, type, x.backend);
  x.backend.where(
    condition.storage.buffer,
    broadcastStrides(condition.shape, shape),
    xs.storage.buffer,
    broadcastStrides(x.shape, shape),
    ys.storage.buffer,
    broadcastStrides(y.shape, shape),
    out.storage.buffer,
    shape,
  );
  if (xs !== x) xs.dispose();
  if (ys !== y) ys.dispose();
  return Tensor.attach(out, 'where', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(where(condition, g, 0), x.shape) : null,
    y.requiresGrad ? unbroadcast(where(condition, 0, g), y.shape) : null,
  ]);
}
