/** Reductions over any set of axes, with `keepDims`, and their gradients. */
import { isFloat, toFloat } from '../../core/dtype.js';
import { NablaError, fmtShape, normAxes, normAxis } from '../../core/errors.js';
import { sizeOf } from '../../core/shape.js';
import type { ReduceOp } from '../../backend/backend.js';
import { noGrad } from '../engine.js';
import { Tensor } from '../tensor.js';
import { add, div, eq, mul, sub } from './binary.js';
import { cast } from './cast.js';
import { exp, log, sqrt, square } from './unary.js';
import { broadcastTo, reshape, transpose } from './shape.js';
import { assertTensor, empty } from './util.js';

type Axes = number | readonly number[] | undefined | null;

/** The shape of a reduction's result. */
function reducedShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/** Brings the reduced axes together (transposing if they are not adjacent) and runs the kernel. */
function runReduce(op: ReduceOp | 'argmax' | 'argmin', x: Tensor, axes: number[]): Tensor {
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
  let input = x;
  let first = axes[0] ?? 0;
  let last = axes[axes.length - 1] ?? -1;
  if (!contiguous) {
    const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    input = noGrad(() => transpose(x, [...kept, ...axes]));
    first = kept.length;
    last = x.rank - 1;
  }
  const outer = sizeOf(input.shape.slice(0, first));
  const size = sizeOf(input.shape.slice(first, last + 1));
  const inner = sizeOf(input.shape.slice(last + 1));
  const isArg = op === 'argmax' || op === 'argmin';
  const out = empty([outer * inner], isArg ? 'int32' : input.dtype, x.backend);
  if (isArg) x.backend.argReduce(op, input.storage.buffer, outer, size, inner, out.storage.buffer);
  else x.backend.reduce(op, input.storage.buffer, outer, size, inner, out.storage.buffer);
  if (input !== x) input.dispose();
  return out;
}

function checkNonEmpty(op: string, x: Tensor, axes: number[]): void {
  for (const a of axes) {
    if (x.shape[a] === 0) {
      throw new NablaError(op, `cannot reduce over empty axis ${a} of ${fmtShape(x.shape)}`);
    }
  }
}

/** Sum over `axes` (a sorted list of normalised axes). */
export function reduceSum(x: Tensor, axes: number[], keepDims: boolean): Tensor {
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  const input = dtype === x.dtype ? x : cast(x, dtype);
  const flat = runReduce('sum', input, axes);
  if (input !== x) input.dispose();
  const out = reshapeOwned(flat, reducedShape(x.shape, axes, keepDims));
  return Tensor.attach(out, 'sum', [x], (g) => [
    broadcastTo(reshape(g, reducedShape(x.shape, axes, true)), x.shape),
  ]);
}

function reshapeOwned(flat: Tensor, shape: number[]): Tensor {
  const out = new Tensor(flat.storage.retain(), shape, flat.dtype);
  flat.dispose();
  return out;
}

/** Sum of elements over `axis` (all by default). */
export function sum(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('sum', x);
  return reduceSum(x, normAxes('sum', axis, x.rank, x.shape), keepDims);
}

/** Arithmetic mean over `axis` (all by default); integers average to float32. */
export function mean(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('mean', x);
  const axes = normAxes('mean', axis, x.rank, x.shape);
  checkNonEmpty('mean', x, axes);
  const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
  const input = isFloat(x.dtype) ? x : cast(x, toFloat(x.dtype));
  const outSize = x.size / count;
  if (outSize > SMALL_MEAN) return div(reduceSum(input, axes, keepDims), count);
  // A small result (a loss, say) is divided in place on the host: two ops and a scalar fewer.
  const out = noGrad(() => reduceSum(input, axes, keepDims));
  if (input !== x) input.dispose();
  const values = out.backend.view(out.storage.buffer);
  // Float32 operands divide exactly like the kernel: the double quotient rounds correctly.
  const divisor = values instanceof Float32Array ? Math.fround(count) : count;
  for (let i = 0; i < values.length && i < out.size; i++) values[i] = values[i]! / divisor;
  return Tensor.attach(out, 'mean', [x], (g) => [
    broadcastTo(reshape(div(g, count), reducedShape(x.shape, axes, true)), x.shape),
  ]);
}

/** Largest `mean` result divided on the host rather than by a kernel. */
const SMALL_MEAN = 1024;

function extreme(op: 'max' | 'min', x: Tensor, axis: Axes, keepDims: boolean): Tensor {
  assertTensor(op, x);
  const axes = normAxes(op, axis, x.rank, x.shape);
  checkNonEmpty(op, x, axes);
  const out = reshapeOwned(runReduce(op, x, axes), reducedShape(x.shape, axes, keepDims));
  // Ties share the gradient evenly, so the total gradient is preserved (PyTorch's amax rule).
  return Tensor.attach(out, op, [x], (g) => {
    const kept = reducedShape(x.shape, axes, true);
    const mask = cast(eq(x, reshape(out, kept)), x.dtype);
    const count = reduceSum(mask, axes, true);
    return [mul(mask, div(reshape(g, kept), count))];
  });
}

/** Maximum over `axis` (all by default). Ties share the gradient evenly. */
export function max(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  return extreme('max', x, axis, keepDims);
}

/** Minimum over `axis` (all by default). Ties share the gradient evenly. */
export function min(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  return extreme('min', x, axis, keepDims);
}

/** Product over `axis` (all by default). The gradient is `out / x` (inputs must be non-zero). */
export function prod(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('prod', x);
  const axes = normAxes('prod', axis, x.rank, x.shape);
  const out = reshapeOwned(runReduce('prod', x, axes), reducedShape(x.shape, axes, keepDims));
  return Tensor.attach(out, 'prod', [x], (g) => {
    const kept = reducedShape(x.shape, axes, true);
    return [div(mul(reshape(g, kept), reshape(out, kept)), x)];
  });
}

/** Population (biased) variance over `axis`, as Keras and NumPy's default. */
export function variance(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('variance', x);
  const axes = normAxes('variance', axis, x.rank, x.shape);
  const centered = sub(x, mean(x, axes, true));
  return mean(square(centered), axes, keepDims);
}

/** Population standard deviation over `axis`. */
export function std(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  return sqrt(variance(x, axis, keepDims));
}

/** `log(Σ exp(x))` over `axis`, computed stably by shifting by the maximum. */
export function logSumExp(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  assertTensor('logSumExp', x);
  const axes = normAxes('logSumExp', axis, x.rank, x.shape);
  const shift = noGrad(() => max(x, axes, true));
  const total = reduceSum(exp(sub(x, shift)), axes, true);
  const result = add(log(total), shift);
  return keepDims ? result : reshape(result, reducedShape(x.shape, axes, false));
}

function argExtreme(op: 'argmax' | 'argmin', x: Tensor, axis: number | undefined, keepDims: boolean): Tensor {
  assertTensor(op, x);
  if (axis === undefined) {
    checkNonEmpty(op, x, x.shape.map((_, i) => i));
    const flat = reshape(x, [x.size]);
    const out = reshapeOwned(runReduce(op, flat, [0]), keepDims ? x.shape.map(() => 1) : []);
    flat.dispose();
    return out;
  }
  const a = normAxis(op, axis, x.rank, x.shape);
  checkNonEmpty(op, x, [a]);
  return reshapeOwned(runReduce(op, x, [a]), reducedShape(x.shape, [a], keepDims));
}

/** Index of the maximum along `axis` (of the flattened tensor by default); int32, no gradient. */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argExtreme('argmax', x, axis, keepDims);
}

/** Index of the minimum along `axis` (of the flattened tensor by default). */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argExtreme('argmin', x, axis, keepDims);
}
