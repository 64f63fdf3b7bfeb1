/**
 * Metrics read each batch back to the host once and accumulate in float64 JS numbers: no tensor
 * outlives `updateState`, and sums over an epoch do not lose float32 precision.
 */
import type { TypedArray } from '../core/dtype.js';
import { NablaError, fmtShape } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';

/** A tensor's values and shape on the host. */
export interface HostTensor {
  readonly data: TypedArray;
  readonly shape: readonly number[];
}

/** Copies a tensor's values to the host. */
export function host(t: Tensor): HostTensor {
  return { data: t.dataSync(), shape: t.shape };
}

/** The number of samples (the batch axis; 1 for a scalar). */
export function batchOf(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[0]!;
}

/**
 * Checks that targets and predictions hold the same elements, allowing a trailing axis of size 1
 * on either side (`[batch]` against `[batch, 1]`), as Keras's `squeeze_or_expand_to_same_rank`.
 */
export function checkSameElements(metric: string, yTrue: Tensor, yPred: Tensor): void {
  const a = stripTrailingOne(yTrue.shape, yPred.shape);
  const b = stripTrailingOne(yPred.shape, yTrue.shape);
  const same = a.length === b.length && a.every((d, i) => d === b[i]);
  if (!same || yPred.rank === 0) throw shapeError(metric, yTrue, yPred, 'must have the same shape');
}

/** The error for inputs that do not fit: `metric: yTrue [2,3] and yPred [2,4] <problem>`. */
export function shapeError(
  metric: string,
  yTrue: Tensor,
  yPred: Tensor,
  problem: string,
): NablaError {
  const shapes = `yTrue ${fmtShape(yTrue.shape)} and yPred ${fmtShape(yPred.shape)}`;
  return new NablaError(metric, `${shapes} ${problem}`);
}

function stripTrailingOne(shape: readonly number[], other: readonly number[]): readonly number[] {
  const longer = shape.length === other.length + 1 && shape[shape.length - 1] === 1;
  return longer ? shape.slice(0, -1) : shape;
}

/** Averages `values` (row-major, `batch` samples) within each sample. */
export function meanPerSample(values: ArrayLike<number>, batch: number): Float64Array {
  const out = new Float64Array(batch);
  if (batch === 0) return out;
  const per = values.length / batch;
  for (let s = 0; s < batch; s++) {
    let total = 0;
    for (let k = 0; k < per; k++) total += values[s * per + k]!;
    out[s] = total / per;
  }
  return out;
}

/**
 * One weight per sample from `sampleWeight`: a scalar, `[batch]` or `[batch, 1]`; `null` when no
 * weights are given.
 */
export function sampleWeights(
  metric: string,
  weight: Tensor | number | null | undefined,
  batch: number,
): Float64Array | null {
  if (weight === null || weight === undefined) return null;
  if (typeof weight === 'number') return new Float64Array(batch).fill(weight);
  const values = weight.dataSync();
  if (weight.rank === 0) return new Float64Array(batch).fill(values[0]!);
  const perSample = weight.shape[0] === batch && weight.shape.slice(1).every((d) => d === 1);
  if (!perSample) {
    const expected = `a scalar, [${batch}] or [${batch},1]`;
    throw new NablaError(metric, `sampleWeight ${fmtShape(weight.shape)} must be ${expected}`);
  }
  return Float64Array.from(values);
}

/** The index of the first largest value in `data[start, start + length)`. */
export function argmaxAt(data: ArrayLike<number>, start: number, length: number): number {
  let best = 0;
  let bestValue = data[start]!;
  for (let j = 1; j < length; j++) {
    const v = data[start + j]!;
    if (v > bestValue) {
      best = j;
      bestValue = v;
    }
  }
  return best;
}
