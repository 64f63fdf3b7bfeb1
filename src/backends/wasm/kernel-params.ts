/**
 * Parameter blocks for the kernels with long argument lists. Each writer fills int32 words in the
 * layout its assembly/ kernel reads, and returns the number of work units of the task.
 */
import type { MatmulSpec, PatchSpec } from '../../backend/backend.js';
import type { MergedLayout } from './layout.js';

/** Highest rank the strided kernels (binary rows, copy) take after merging dimensions. */
export const MAX_STRIDED_RANK = 6;

/** Columns per work unit when reducing down columns (`REDUCE_BLOCK` in assembly/reduce.ts). */
export const REDUCE_BLOCK = 512;

/** GEMM register tile: rows and columns per work unit when splitting by rows or columns. */
const MR = 4;
const NR = 8;

/** assembly/gemm.ts: a, b, c, m, n, k, flags, aBatchStride, bBatchStride, unit. */
export function writeGemmParams(
  p: Int32Array,
  a: number,
  b: number,
  out: number,
  spec: MatmulSpec,
): number {
  const { batch, m, n, k } = spec;
  // Split over the dimension whose operand is cheaper to pack twice: by rows every thread packs
  // all of B (k·n), by columns all of A (m·k).
  const splitCols = n >= m;
  const unit = splitCols ? NR : MR;
  let flags = spec.transA ? 1 : 0;
  if (spec.transB) flags |= 2;
  if (spec.accumulate) flags |= 4;
  if (splitCols) flags |= 8;
  p[0] = a;
  p[1] = b;
  p[2] = out;
  p[3] = m;
  p[4] = n;
  p[5] = k;
  p[6] = flags;
  p[7] = spec.aBatchStride;
  p[8] = spec.bBatchStride;
  p[9] = unit;
  return batch * Math.ceil((splitCols ? n : m) / unit);
}

/**
 * assembly/binary.ts rows: op, a, b, out, rank, shape[6], aStrides[6], bStrides[6]. Returns the
 * number of rows (the last dimension is a row).
 */
export function writeBinaryRowsParams(
  p: Int32Array,
  op: number,
  a: number,
  b: number,
  out: number,
  layout: MergedLayout,
): number {
  const { shape, strides } = layout;
  const rank = shape.length;
  p[0] = op;
  p[1] = a;
  p[2] = b;
  p[3] = out;
  p[4] = rank;
  let rows = 1;
  for (let d = 0; d < rank; d++) {
    p[5 + d] = shape[d]!;
    p[11 + d] = strides[0]![d]!;
    p[17 + d] = strides[1]![d]!;
    if (d < rank - 1) rows *= shape[d]!;
  }
  return rows;
}

/**
 * assembly/copy.ts: src, dst (byte addresses), element bytes, rank, shape[6], srcStrides[6],
 * dstStrides[6]. A rank-0 copy is one row of one element. Returns the number of rows.
 */
export function writeCopyParams(
  p: Int32Array,
  src: number,
  dst: number,
  elementBytes: number,
  layout: MergedLayout,
): number {
  const { shape, strides } = layout;
  const rank = Math.max(shape.length, 1);
  p[0] = src;
  p[1] = dst;
  p[2] = elementBytes;
  p[3] = rank;
  let rows = 1;
  for (let d = 0; d < rank; d++) {
    p[4 + d] = shape[d] ?? 1;
    p[10 + d] = strides[0]![d] ?? 1;
    p[16 + d] = strides[1]![d] ?? 1;
    if (d < rank - 1) rows *= shape[d]!;
  }
  return rows;
}

/** assembly/patches.ts: image, cols, the `PatchSpec` fields, then the padding bit pattern. */
export function writePatchParams(
  p: Int32Array,
  image: number,
  cols: number,
  s: PatchSpec,
  padBits: number,
): void {
  p.set([image, cols, s.n, s.h, s.w, s.c, s.kh, s.kw, s.outH, s.outW]);
  p.set([s.strideH, s.strideW, s.padTop, s.padLeft, s.dilationH, s.dilationW, padBits], 10);
}
