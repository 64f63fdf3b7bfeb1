// Broadcast f32 binary ops. The JS side merges dimensions first, so most calls land in the flat
// kernel (same shape, or one scalar operand) or in rows whose inner stride is 1 or 0.

const B_ADD = 0;
const B_SUB = 1;
const B_MUL = 2;
const B_DIV = 3;
const B_MAXIMUM = 4;
const B_MINIMUM = 5;

/** Four lanes; wasm's f32x4.max/min propagate NaN like the reference's maximum/minimum. */
@inline
function op4(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case B_ADD:
      return f32x4.add(a, b);
    case B_SUB:
      return f32x4.sub(a, b);
    case B_MUL:
      return f32x4.mul(a, b);
    case B_DIV:
      return f32x4.div(a, b);
    case B_MAXIMUM:
      return f32x4.max(a, b);
  }
  return f32x4.min(a, b);
}

/** One lane, with the same IEEE result as a lane of `op4`. */
@inline
function op1(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case B_ADD:
      return a + b;
    case B_SUB:
      return a - b;
    case B_MUL:
      return a * b;
    case B_DIV:
      return a / b;
    case B_MAXIMUM:
      return max(a, b);
  }
  return min(a, b);
}

/**
 * `n` outputs from `a` and `b` read with element strides `sa`, `sb` (each 1, 0 or any). Stride 0
 * broadcasts one value across the row.
 */
@inline
function row(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op4(op, v128.load(a + at), v128.load(b + at)));
    }
  } else if (sa == 1 && sb == 0) {
    const bv = v128.load32_splat(b);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op4(op, v128.load(a + at), bv));
    }
  } else if (sa == 0 && sb == 1) {
    const av = v128.load32_splat(a);
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op4(op, av, v128.load(b + at)));
    }
  }
  for (; i < n; i++) {
    const va = load<f32>(a + ((<usize>i * <usize>sa) << 2));
    const vb = load<f32>(b + ((<usize>i * <usize>sb) << 2));
    store<f32>(out + (<usize>i << 2), op1(op, va, vb));
  }
}

@inline
function rows(op: i32, lo: i32, hi: i32, idx: usize, params: usize): void {
  const a = load<usize>(params, 4);
  const b = load<usize>(params, 8);
  const out = load<usize>(params, 12);
  const rank = load<i32>(params, 16);
  const shape = params + 20;
  const aStrides = params + 44;
  const bStrides = params + 68;
  const last = <usize>(rank - 1) << 2;
  const n = load<i32>(shape + last);
  const sa = load<i32>(aStrides + last);
  const sb = load<i32>(bStrides + last);
  // Index and offsets of row `lo` in the outer dimensions.
  let aOff: usize = 0;
  let bOff: usize = 0;
  let rest = lo;
  for (let d = rank - 2; d >= 0; d--) {
    const at = <usize>d << 2;
    const extent = load<i32>(shape + at);
    const i = rest % extent;
    rest /= extent;
    store<i32>(idx + at, i);
    aOff += <usize>i * <usize>load<i32>(aStrides + at);
    bOff += <usize>i * <usize>load<i32>(bStrides + at);
  }
  for (let r = lo; r < hi; r++) {
    row(op, a + (aOff << 2), sa, b + (bOff << 2), sb, out + ((<usize>r * <usize>n) << 2), n);
    // Advance the outer index like an odometer, moving both offsets along.
    for (let d = rank - 2; d >= 0; d--) {
      const at = <usize>d << 2;
      const extent = load<i32>(shape + at);
      const i = load<i32>(idx + at) + 1;
      if (i < extent) {
        store<i32>(idx + at, i);
        aOff += <usize>load<i32>(aStrides + at);
        bOff += <usize>load<i32>(bStrides + at);
        break;
      }
      store<i32>(idx + at, 0);
      aOff -= <usize>(extent - 1) * <usize>load<i32>(aStrides + at);
      bOff -= <usize>(extent - 1) * <usize>load<i32>(bStrides + at);
    }
  }
}

/**
 * Rows `[lo, hi)` of a broadcast op. `params` (i32 words): op, a, b, out, rank ≤ 6, shape[6],
 * aStrides[6], bStrides[6]; the output is contiguous and a row is its last dimension. The outer
 * index lives in this thread's `scratch`, so threads share the read-only parameter block.
 */
export function binaryRowsF32(lo: i32, hi: i32, scratch: usize, params: usize): void {
  switch (load<i32>(params)) {
    case B_ADD: rows(B_ADD, lo, hi, scratch, params); break;
    case B_SUB: rows(B_SUB, lo, hi, scratch, params); break;
    case B_MUL: rows(B_MUL, lo, hi, scratch, params); break;
    case B_DIV: rows(B_DIV, lo, hi, scratch, params); break;
    case B_MAXIMUM: rows(B_MAXIMUM, lo, hi, scratch, params); break;
    case B_MINIMUM: rows(B_MINIMUM, lo, hi, scratch, params); break;
  }
}

/**
 * Elements `[lo, hi)` of a flat op: `mode` 0 is same-shape, 1 broadcasts `a[0]`, 2 broadcasts
 * `b[0]`.
 */
export function binaryFlatF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  op: i32,
  a: usize,
  b: usize,
  out: usize,
  mode: i32,
): void {
  const sa = mode == 1 ? 0 : 1;
  const sb = mode == 2 ? 0 : 1;
  const at = <usize>lo << 2;
  const pa = sa == 1 ? a + at : a;
  const pb = sb == 1 ? b + at : b;
  const n = hi - lo;
  switch (op) {
    case B_ADD: row(B_ADD, pa, sa, pb, sb, out + at, n); break;
    case B_SUB: row(B_SUB, pa, sa, pb, sb, out + at, n); break;
    case B_MUL: row(B_MUL, pa, sa, pb, sb, out + at, n); break;
    case B_DIV: row(B_DIV, pa, sa, pb, sb, out + at, n); break;
    case B_MAXIMUM: row(B_MAXIMUM, pa, sa, pb, sb, out + at, n); break;
    case B_MINIMUM: row(B_MINIMUM, pa, sa, pb, sb, out + at, n); break;
  }
}
