// Data movement for any element size (1, 4 or 8 bytes): fill, strided copy, gather and the f32
// scatter-add. Rows of 64 bytes or more go through memory.copy; shorter ones through plain loads.

/** Zeroes `bytes` bytes at `ptr` (the allocator's zero-fill of reused blocks). */
export function zeroBytes(ptr: usize, bytes: usize): void {
  memory.fill(ptr, 0, bytes);
}

/** Elements `[lo, hi)` of a 4-byte fill with the bit pattern `bits`. */
export function fill32(lo: i32, hi: i32, scratch: usize, ptr: usize, bits: i32): void {
  const v = i32x4.splat(bits);
  let i = lo;
  for (; i + 4 <= hi; i += 4) v128.store(ptr + (<usize>i << 2), v);
  for (; i < hi; i++) store<i32>(ptr + (<usize>i << 2), bits);
}

/** Elements `[lo, hi)` of an 8-byte fill with the bit pattern `hiBits:loBits`. */
export function fill64(
  lo: i32,
  hi: i32,
  scratch: usize,
  ptr: usize,
  loBits: i32,
  hiBits: i32,
): void {
  const bits = (<u64>hiBits << 32) | <u64>(<u32>loBits);
  for (let i = lo; i < hi; i++) store<u64>(ptr + (<usize>i << 3), bits);
}

/** Copies `n` elements of `es` bytes with element strides `ss` (source) and `ds` (destination). */
@inline
function copyRow(src: usize, ss: i32, dst: usize, ds: i32, n: i32, es: i32): void {
  if (ss == 1 && ds == 1 && n * es >= 64) {
    memory.copy(dst, src, <usize>(n * es));
    return;
  }
  const sStep = <usize>(ss * es);
  const dStep = <usize>(ds * es);
  if (es == 4) {
    for (let i = 0; i < n; i++) {
      store<u32>(dst, load<u32>(src));
      src += sStep;
      dst += dStep;
    }
  } else if (es == 8) {
    for (let i = 0; i < n; i++) {
      store<u64>(dst, load<u64>(src));
      src += sStep;
      dst += dStep;
    }
  } else {
    for (let i = 0; i < n; i++) {
      store<u8>(dst, load<u8>(src));
      src += sStep;
      dst += dStep;
    }
  }
}

/**
 * Rows `[lo, hi)` of a strided copy. `params` (i32 words): src, dst (byte addresses of the first
 * element), element bytes, rank ≤ 6, shape[6], srcStrides[6], dstStrides[6] in elements, which
 * may be negative. A row is the last dimension; `scratch` holds this thread's outer index.
 */
export function copyRows(lo: i32, hi: i32, scratch: usize, params: usize): void {
  const src = load<usize>(params, 0);
  const dst = load<usize>(params, 4);
  const es = load<i32>(params, 8);
  const rank = load<i32>(params, 12);
  const shape = params + 16;
  const sStrides = params + 40;
  const dStrides = params + 64;
  const last = <usize>(rank - 1) << 2;
  const n = load<i32>(shape + last);
  const ss = load<i32>(sStrides + last);
  const ds = load<i32>(dStrides + last);
  const idx = scratch;
  // Offsets (in elements, signed) of row `lo`.
  let sOff = 0;
  let dOff = 0;
  let rest = lo;
  for (let d = rank - 2; d >= 0; d--) {
    const at = <usize>d << 2;
    const extent = load<i32>(shape + at);
    const i = rest % extent;
    rest /= extent;
    store<i32>(idx + at, i);
    sOff += i * load<i32>(sStrides + at);
    dOff += i * load<i32>(dStrides + at);
  }
  for (let r = lo; r < hi; r++) {
    copyRow(src + <usize>(sOff * es), ss, dst + <usize>(dOff * es), ds, n, es);
    for (let d = rank - 2; d >= 0; d--) {
      const at = <usize>d << 2;
      const extent = load<i32>(shape + at);
      const i = load<i32>(idx + at) + 1;
      if (i < extent) {
        store<i32>(idx + at, i);
        sOff += load<i32>(sStrides + at);
        dOff += load<i32>(dStrides + at);
        break;
      }
      store<i32>(idx + at, 0);
      sOff -= (extent - 1) * load<i32>(sStrides + at);
      dOff -= (extent - 1) * load<i32>(dStrides + at);
    }
  }
}

/**
 * Output rows `[lo, hi)` of a gather, a row being `(o, j)` of `out[o, j, :] = x[o, idx[j], :]`;
 * `rowBytes` is `inner` times the element size, `count` the number of indices (int32).
 */
export function gatherRows(
  lo: i32,
  hi: i32,
  scratch: usize,
  x: usize,
  idx: usize,
  out: usize,
  count: i32,
  axisSize: i32,
  rowBytes: i32,
): void {
  // The widest element size that divides the row, for the plain-load path of short rows.
  let es = 1;
  if ((rowBytes & 3) == 0) es = 4;
  if ((rowBytes & 7) == 0) es = 8;
  const n = rowBytes / es;
  for (let u = lo; u < hi; u++) {
    const o = u / count;
    const j = u - o * count;
    const from = <usize>(o * axisSize + load<i32>(idx + (<usize>j << 2)));
    copyRow(x + from * <usize>rowBytes, 1, out + <usize>u * <usize>rowBytes, 1, n, es);
  }
}

/**
 * Outer slices `[lo, hi)` of `out[o, idx[j], i] += src[o, j, i]` over f32. One thread owns each
 * outer slice, so repeated indices accumulate in index order without races.
 */
export function scatterAddF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  src: usize,
  idx: usize,
  out: usize,
  count: i32,
  axisSize: i32,
  inner: i32,
): void {
  const rowBytes = <usize>inner << 2;
  for (let o = lo; o < hi; o++) {
    for (let j = 0; j < count; j++) {
      const to = out + <usize>(o * axisSize + load<i32>(idx + (<usize>j << 2))) * rowBytes;
      const from = src + <usize>(o * count + j) * rowBytes;
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const at = <usize>i << 2;
        v128.store(to + at, f32x4.add(v128.load(to + at), v128.load(from + at)));
      }
      for (; i < inner; i++) {
        const at = <usize>i << 2;
        store<f32>(to + at, load<f32>(to + at) + load<f32>(from + at));
      }
    }
  }
}
