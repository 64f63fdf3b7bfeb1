/** Helpers shared by the op files: output allocation, scalar lifting, un-broadcasting. */
import { isFloat, promoteTypes, type DType } from '../../core/dtype.js';
import { NablaError, fmtShape } from '../../core/errors.js';
import { broadcastReductionAxes, shapesEqual, sizeOf, type Shape } from '../../core/shape.js';
import type { Backend } from '../../backend/backend.js';
import { allocStorage, backend as activeBackend, noGrad } from '../engine.js';
import { Tensor } from '../tensor.js';
import { reduceSum } from './reduce.js';
import { reshape } from './shape.js';

/** A tensor or a plain number (lifted to a scalar tensor of a fitting dtype). */
export type TensorOrScalar = Tensor | number | boolean;

/** A new, zeroed tensor on `on` (default: the active backend). */
export function empty(shape: Shape, dtype: DType, on: Backend = activeBackend()): Tensor {
  return new Tensor(allocStorage(dtype, sizeOf(shape), on), shape, dtype);
}

/** Checks that an argument is a live tensor, naming the op otherwise. */
export function assertTensor(op: string, value: unknown, what = 'argument'): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new NablaError(op, `${what} must be a Tensor, got ${describe(value)}`);
  }
  value.assertAlive(op);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (wrap it with nb.tensor)';
  return typeof value;
}

/** The dtype a plain number takes next to a tensor of dtype `like`. */
function scalarDType(value: number | boolean, like: DType): DType {
  if (typeof value === 'boolean') return like === 'bool' ? 'bool' : like;
  if (isFloat(like)) return like;
  return Number.isInteger(value) ? (like === 'bool' ? 'int32' : like) : 'float32';
}

/** Lifts numbers to scalar tensors on the same backend as the tensor operand. */
export function liftPair(op: string, a: TensorOrScalar, b: TensorOrScalar): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) {
    a.assertAlive(op);
    b.assertAlive(op);
    if (a.backend !== b.backend) {
      throw new NablaError(op, `operands live on different backends (${a.backend.name}, ${b.backend.name})`);
    }
    return [a, b];
  }
  if (a instanceof Tensor) {
    a.assertAlive(op);
    return [a, scalarLike(op, b, a)];
  }
  if (b instanceof Tensor) {
    b.assertAlive(op);
    return [scalarLike(op, a, b), b];
  }
  throw new NablaError(op, `at least one operand must be a Tensor, got ${typeof a} and ${typeof b}`);
}

function scalarLike(op: string, value: TensorOrScalar, like: Tensor): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new NablaError(op, `operand must be a Tensor or a number, got ${describe(value)}`);
  }
  const dtype = scalarDType(value, like.dtype);
  const t = empty([], dtype, like.backend);
  like.backend.fill(t.storage.buffer, Number(value));
  return t;
}

/** The promoted dtype of two operands. */
export function resultType(a: Tensor, b: Tensor): DType {
  return promoteTypes(a.dtype, b.dtype);
}

/** Sums a broadcast gradient back to `shape` (the shape of the input it flows to). */
export function unbroadcast(grad: Tensor, shape: Shape): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const axes = broadcastReductionAxes(shape, grad.shape);
  return noGrad(() => {
    const summed = axes.length > 0 ? reduceSum(grad, axes, false) : grad;
    const out = reshape(summed, shape);
    if (summed !== grad && summed !== out) summed.dispose();
    return out;
  });
}

/** Throws unless the tensor has a float dtype. */
export function assertFloat(op: string, t: Tensor): void {
  if (!isFloat(t.dtype)) {
    throw new NablaError(op, `expects a float tensor, got ${t.dtype} ${fmtShape(t.shape)}`);
  }
}
