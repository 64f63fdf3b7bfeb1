// f32 reductions over the middle axis of `[outer, size, inner]`, arg-reductions and row softmax.
// Every output element is produced by one thread in a fixed order, so splits never change results.

import { exp4, log4 } from './vmath';

const R_SUM = 0;
const R_MAX = 1;
const R_MIN = 2;
const R_PROD = 3;

/** Columns of `inner` handled per work unit when reducing down columns. */
export const REDUCE_BLOCK: i32 = 512;

@inline
function identity(op: i32): f32 {
  switch (op) {
    case R_SUM:
      return 0;
    case R_MAX:
      return -Infinity;
    case R_MIN:
      return Infinity;
  }
  return 1;
}

@inline
function combine4(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case R_SUM:
      return f32x4.add(a, b);
    case R_MAX:
      return f32x4.max(a, b);
    case R_MIN:
      return f32x4.min(a, b);
  }
  return f32x4.mul(a, b);
}

@inline
function combine1(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case R_SUM:
      return a + b;
    case R_MAX:
      return max(a, b);
    case R_MIN:
      return min(a, b);
  }
  return a * b;
}

/** Reduces the contiguous row `x[0..size)`: eight lanes in two vectors, then across lanes. */
@inline
function reduceRow(op: i32, x: usize, size: i32): f32 {
  let v0 = f32x4.splat(identity(op));
  let v1 = v0;
  let s = 0;
  for (; s + 8 <= size; s += 8) {
    const at = <usize>s << 2;
    v0 = combine4(op, v0, v128.load(x + at));
    v1 = combine4(op, v1, v128.load(x + at, 16));
  }
  v0 = combine4(op, v0, v1);
  let acc = combine1(op, f32x4.extract_lane(v0, 0), f32x4.extract_lane(v0, 1));
  acc = combine1(op, acc, combine1(op, f32x4.extract_lane(v0, 2), f32x4.extract_lane(v0, 3)));
  for (; s < size; s++) acc = combine1(op, acc, load<f32>(x + (<usize>s << 2)));
  return acc;
}

/** `out[0..n) = reduce over s of x[s·stride + i]`, down columns, in order of s. */
@inline
function reduceColumns(op: i32, x: usize, size: i32, stride: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    let acc = f32x4.splat(identity(op));
    for (let s = 0; s < size; s++) acc = combine4(op, acc, v128.load(x + <usize>s * stride + at));
    v128.store(out + at, acc);
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    let acc = identity(op);
    for (let s = 0; s < size; s++) acc = combine1(op, acc, load<f32>(x + <usize>s * stride + at));
    store<f32>(out + at, acc);
  }
}

@inline
function reduceUnits(op: i32, lo: i32, hi: i32, x: usize, out: usize, size: i32, inner: i32): void {
  const rowBytes = <usize>size << 2;
  if (inner == 1) {
    for (let o = lo; o < hi; o++) {
      store<f32>(out + (<usize>o << 2), reduceRow(op, x + <usize>o * rowBytes, size));
    }
    return;
  }
  // Units are blocks of REDUCE_BLOCK columns of one outer slice.
  const blocks = (inner + REDUCE_BLOCK - 1) / REDUCE_BLOCK;
  const stride = <usize>inner << 2;
  for (let u = lo; u < hi; u++) {
    const o = u / blocks;
    const i0 = (u - o * blocks) * REDUCE_BLOCK;
    const n = min(REDUCE_BLOCK, inner - i0);
    const src = x + (<usize>o * <usize>size * <usize>inner + <usize>i0) * 4;
    reduceColumns(op, src, size, stride, out + (<usize>o * <usize>inner + <usize>i0) * 4, n);
  }
}

/**
 * Work units `[lo, hi)` of `out[o, i] = op over s of x[o, s, i]`: one unit per outer row when
 * `inner` is 1, else one per block of REDUCE_BLOCK columns.
 */
export function reduceF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  op: i32,
  x: usize,
  out: usize,
  size: i32,
  inner: i32,
): void {
  switch (op) {
    case R_SUM: reduceUnits(R_SUM, lo, hi, x, out, size, inner); break;
    case R_MAX: reduceUnits(R_MAX, lo, hi, x, out, size, inner); break;
    case R_MIN: reduceUnits(R_MIN, lo, hi, x, out, size, inner); break;
    case R_PROD: reduceUnits(R_PROD, lo, hi, x, out, size, inner); break;
  }
}

/**
 * Outer rows `[lo, hi)` of argmax (`isMin` 0) or argmin: the first extreme index as int32, where a
 * NaN counts as the extreme, as in the reference.
 */
export function argReduceF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  isMin: i32,
  x: usize,
  out: usize,
  size: i32,
  inner: i32,
): void {
  const stride = <usize>inner << 2;
  for (let o = lo; o < hi; o++) {
    for (let i = 0; i < inner; i++) {
      const base = x + (<usize>o * <usize>size * <usize>inner + <usize>i) * 4;
      let best = 0;
      let bestValue = load<f32>(base);
      for (let s = 1; s < size && bestValue == bestValue; s++) {
        const v = load<f32>(base + <usize>s * stride);
        if (v != v || (isMin ? v < bestValue : v > bestValue)) {
          best = s;
          bestValue = v;
        }
      }
      store<i32>(out + (<usize>o * <usize>inner + <usize>i) * 4, best);
    }
  }
}

/** Sum of four lanes. */
@inline
function hsum(v: v128): f32 {
  const a = f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1);
  return a + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** Rows `[lo, hi)` of a row-wise softmax (`log` 0) or log-softmax over `[rows, cols]`. */
export function softmaxF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  x: usize,
  out: usize,
  cols: i32,
  log: i32,
): void {
  const rowBytes = <usize>cols << 2;
  const tail = cols & ~3;
  for (let r = lo; r < hi; r++) {
    const src = x + <usize>r * rowBytes;
    const dst = out + <usize>r * rowBytes;
    const mx = f32x4.splat(reduceRow(R_MAX, src, cols));
    // Sum of e^(x - max); the softmax stores the exponentials on the way.
    let sum4 = f32x4.splat(0);
    for (let j = 0; j < tail; j += 4) {
      const e = exp4(f32x4.sub(v128.load(src + (<usize>j << 2)), mx));
      if (!log) v128.store(dst + (<usize>j << 2), e);
      sum4 = f32x4.add(sum4, e);
    }
    let sum = hsum(sum4);
    for (let j = tail; j < cols; j++) {
      const x1 = v128.load32_splat(src + (<usize>j << 2));
      const e = f32x4.extract_lane(exp4(f32x4.sub(x1, mx)), 0);
      if (!log) store<f32>(dst + (<usize>j << 2), e);
      sum += e;
    }
    if (log) {
      // log-softmax = x - max - log(sum).
      const shift = f32x4.add(mx, log4(f32x4.splat(sum)));
      for (let j = 0; j < tail; j += 4) {
        const at = <usize>j << 2;
        v128.store(dst + at, f32x4.sub(v128.load(src + at), shift));
      }
      const s = f32x4.extract_lane(shift, 0);
      for (let j = tail; j < cols; j++) {
        const at = <usize>j << 2;
        store<f32>(dst + at, load<f32>(src + at) - s);
      }
    } else {
      const total = f32x4.splat(sum);
      for (let j = 0; j < tail; j += 4) {
        const at = <usize>j << 2;
        v128.store(dst + at, f32x4.div(v128.load(dst + at), total));
      }
      for (let j = tail; j < cols; j++) {
        const at = <usize>j << 2;
        store<f32>(dst + at, load<f32>(dst + at) / sum);
      }
    }
  }
}
