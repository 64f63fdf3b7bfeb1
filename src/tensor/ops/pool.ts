/**
 * Pooling, channels-last: windows are image patches reduced over the window axis, so the
 * gradients come from `extractPatches` (col2im) and the reductions.
 */
import { check, fmtShape } from '../../core/errors.js';
import type { PatchSpec } from '../../backend/backend.js';
import type { Tensor } from '../tensor.js';
import { div } from './binary.js';
import { tensor } from './creation.js';
import { toPair, type Size2 } from './conv.js';
import { extractPatches, patchSpec } from './patches.js';
import { max, mean, sum } from './reduce.js';
import { reshape } from './shape.js';
import { assertFloat, assertTensor } from './util.js';

/** Options of the 2-D pools. */
export interface Pool2dOptions {
  /** Window size. */
  poolSize: Size2;
  /** Step between windows (default: `poolSize`, so windows do not overlap). */
  strides?: Size2;
  /** `'valid'` (default) or `'same'` (output `ceil(in / stride)`, extra padding bottom/right). */
  padding?: 'valid' | 'same';
}

/** Options of the 1-D pools. */
export interface Pool1dOptions {
  poolSize: number;
  strides?: number;
  padding?: 'valid' | 'same';
}

/** The patch layout of a pool, and the windows as `[n, outH, outW, kh·kw, c]`. */
function windows(
  op: string,
  x: Tensor,
  options: Pool2dOptions,
  padValue: number,
): [PatchSpec, Tensor] {
  assertTensor(op, x);
  check(x.rank === 4, op, () =>
    `expects [batch, height, width, channels], got ${fmtShape(x.shape)}`,
  );
  assertFloat(op, x);
  const poolSize = toPair(op, 'poolSize', options.poolSize, 1);
  const strides = options.strides === undefined
    ? poolSize
    : toPair(op, 'strides', options.strides, 1);
  const spec = patchSpec(op, x.shape, {
    kernelSize: poolSize,
    strides,
    padding: options.padding ?? 'valid',
  });
  const patches = extractPatches(x, spec, padValue);
  const shaped = reshape(patches, [spec.n, spec.outH, spec.outW, spec.kh * spec.kw, spec.c]);
  if (!shaped.node) patches.dispose();
  return [spec, shaped];
}

/** Frees intermediates when no graph was recorded (nothing else holds them). */
function releaseUnlessRecorded(result: Tensor, temps: readonly Tensor[]): Tensor {
  if (!result.node) for (const t of temps) t.dispose();
  return result;
}

/** How many window taps of each output position fall inside the input, along one axis. */
function realCounts(size: number, kernel: number, stride: number, padBefore: number, out: number) {
  return Array.from({ length: out }, (_, i) => {
    const start = i * stride - padBefore;
    return Math.min(size, start + kernel) - Math.max(0, start);
  });
}

/**
 * 2-D max pooling: the largest value of each window; `'same'` padding never wins.
 * The gradient goes to the window's maximum; exact ties share it evenly (TensorFlow and PyTorch
 * give it all to the first). Ties matter little in practice: after a ReLU, tied zeros get no
 * gradient either way.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, C]`.
 *
 * @example nb.maxPool2d(features, { poolSize: 2 }) // halves height and width
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const [, win] = windows('maxPool2d', x, options, -Infinity);
  return releaseUnlessRecorded(max(win, 3), [win]);
}

/**
 * 2-D average pooling. With `'same'` padding each window is divided by the number of input
 * cells it covers (Keras's rule), not by the full window size.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, C]`.
 */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const [spec, win] = windows('avgPool2d', x, options, 0);
  const rows = realCounts(spec.h, spec.kh, spec.strideH, spec.padTop, spec.outH);
  const cols = realCounts(spec.w, spec.kw, spec.strideW, spec.padLeft, spec.outW);
  if (rows.every((r) => r === spec.kh) && cols.every((c) => c === spec.kw)) {
    return releaseUnlessRecorded(mean(win, 3), [win]);
  }
  const total = sum(win, 3);
  const cells = rows.flatMap((r) => cols.map((c) => r * c));
  const counts = tensor(cells, { shape: [spec.outH, spec.outW, 1], dtype: x.dtype });
  return releaseUnlessRecorded(div(total, counts), [win, total, counts]);
}

/** Runs a 2-D pool on `[batch, steps, C]` seen as an image of height 1. */
function pool1d(
  op: string,
  pool2d: (x: Tensor, o: Pool2dOptions) => Tensor,
  x: Tensor,
  options: Pool1dOptions,
): Tensor {
  assertTensor(op, x);
  check(x.rank === 3, op, () => `expects [batch, steps, channels], got ${fmtShape(x.shape)}`);
  const [n, steps, c] = x.shape as [number, number, number];
  const image = reshape(x, [n, 1, steps, c]);
  const y = pool2d(image, {
    poolSize: [1, options.poolSize],
    strides: [1, options.strides ?? options.poolSize],
    padding: options.padding,
  });
  return releaseUnlessRecorded(reshape(y, [n, y.shape[2]!, c]), [image, y]);
}

/** 1-D max pooling over time. Shapes: `[batch, steps, C] → [batch, outSteps, C]`. */
export function maxPool1d(x: Tensor, options: Pool1dOptions): Tensor {
  return pool1d('maxPool1d', maxPool2d, x, options);
}

/** 1-D average pooling over time (`'same'` counts real cells). Shapes as `maxPool1d`. */
export function avgPool1d(x: Tensor, options: Pool1dOptions): Tensor {
  return pool1d('avgPool1d', avgPool2d, x, options);
}

function globalPool(op: string, x: Tensor, rank: 1 | 2, reduce: typeof mean, keepDims: boolean) {
  assertTensor(op, x);
  const layout = rank === 2 ? '[batch, height, width, channels]' : '[batch, steps, channels]';
  check(x.rank === rank + 2, op, () => `expects ${layout}, got ${fmtShape(x.shape)}`);
  return reduce(x, rank === 2 ? [1, 2] : [1], keepDims);
}

/**
 * Mean over height and width.
 *
 * Shapes: `[batch, h, w, C] → [batch, C]` (with `keepDims`, `[batch, 1, 1, C]`).
 */
export function globalAvgPool2d(x: Tensor, keepDims = false): Tensor {
  return globalPool('globalAvgPool2d', x, 2, mean, keepDims);
}

/** Maximum over height and width. Shapes: `[batch, h, w, C] → [batch, C]`. */
export function globalMaxPool2d(x: Tensor, keepDims = false): Tensor {
  return globalPool('globalMaxPool2d', x, 2, max, keepDims);
}

/** Mean over time. Shapes: `[batch, steps, C] → [batch, C]`. */
export function globalAvgPool1d(x: Tensor, keepDims = false): Tensor {
  return globalPool('globalAvgPool1d', x, 1, mean, keepDims);
}

/** Maximum over time. Shapes: `[batch, steps, C] → [batch, C]`. */
export function globalMaxPool1d(x: Tensor, keepDims = false): Tensor {
  return globalPool('globalMaxPool1d', x, 1, max, keepDims);
}
