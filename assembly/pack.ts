// Packing for the GEMM: copies a block of op(A) into MR-row micro-panels and a block of op(B) into
// NR-column micro-panels, so the micro-kernel reads both with unit stride. Panels past the matrix
// edge are padded with zeros; padded lanes never mix with real ones.

const MR: i32 = 4;
const NR: i32 = 8;

/** 4×4 transpose of rows r0..r3 into columns, stored as 4 consecutive vectors at `dst`. */
@inline
function transpose4(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/**
 * Packs rows `[i0, i0+mc)` × depth `[p0, p0+kc)` of op(A) (logical `[m, k]`; stored `[k, m]` when
 * `trans`) into panels of MR rows: `dst[panel][p][i]`.
 */
export function packA(
  a: usize,
  trans: bool,
  m: i32,
  k: i32,
  i0: i32,
  mc: i32,
  p0: i32,
  kc: i32,
  dst: usize,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const panel = dst + <usize>(ir * kc) * 4;
    const row = i0 + ir;
    if (trans) {
      // Stored [k, m]: the MR values for one p are contiguous.
      let src = a + (<usize>p0 * <usize>m + <usize>row) * 4;
      const ld = <usize>m * 4;
      if (rows == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(panel + <usize>(p * MR) * 4, v128.load(src));
          src += ld;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let i = 0; i < MR; i++) {
            const v: f32 = i < rows ? load<f32>(src + <usize>i * 4) : 0;
            store<f32>(panel + <usize>(p * MR + i) * 4, v);
          }
          src += ld;
        }
      }
    } else {
      // Stored [m, k]: read 4 rows in step and transpose 4×4 blocks.
      const src = a + (<usize>row * <usize>k + <usize>p0) * 4;
      const ld = <usize>k * 4;
      let p = 0;
      if (rows == MR) {
        for (; p + 4 <= kc; p += 4) {
          const s = src + <usize>p * 4;
          transpose4(
            v128.load(s),
            v128.load(s + ld),
            v128.load(s + 2 * ld),
            v128.load(s + 3 * ld),
            panel + <usize>(p * MR) * 4,
            16,
          );
        }
      }
      for (; p < kc; p++) {
        for (let i = 0; i < MR; i++) {
          const v: f32 = i < rows ? load<f32>(src + <usize>i * ld + <usize>p * 4) : 0;
          store<f32>(panel + <usize>(p * MR + i) * 4, v);
        }
      }
    }
  }
}

/**
 * Packs depth `[p0, p0+kc)` × columns `[j0, j0+nc)` of op(B) (logical `[k, n]`; stored `[n, k]`
 * when `trans`) into panels of NR columns: `dst[panel][p][j]`.
 */
export function packB(
  b: usize,
  trans: bool,
  n: i32,
  k: i32,
  p0: i32,
  kc: i32,
  j0: i32,
  nc: i32,
  dst: usize,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const panel = dst + <usize>(jr * kc) * 4;
    const col = j0 + jr;
    if (!trans) {
      // Stored [k, n]: the NR values for one p are contiguous.
      let src = b + (<usize>p0 * <usize>n + <usize>col) * 4;
      const ld = <usize>n * 4;
      if (cols == NR) {
        for (let p = 0; p < kc; p++) {
          const d = panel + <usize>(p * NR) * 4;
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
          src += ld;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let j = 0; j < NR; j++) {
            const v: f32 = j < cols ? load<f32>(src + <usize>j * 4) : 0;
            store<f32>(panel + <usize>(p * NR + j) * 4, v);
          }
          src += ld;
        }
      }
    } else {
      // Stored [n, k]: read 8 rows (columns of op(B)) in step, two 4×4 transposes per 4 p.
      const src = b + (<usize>col * <usize>k + <usize>p0) * 4;
      const ld = <usize>k * 4;
      let p = 0;
      if (cols == NR) {
        for (; p + 4 <= kc; p += 4) {
          const s = src + <usize>p * 4;
          const d = panel + <usize>(p * NR) * 4;
          transpose4(
            v128.load(s),
            v128.load(s + ld),
            v128.load(s + 2 * ld),
            v128.load(s + 3 * ld),
            d,
            <usize>NR * 4,
          );
          const s4 = s + 4 * ld;
          transpose4(
            v128.load(s4),
            v128.load(s4 + ld),
            v128.load(s4 + 2 * ld),
            v128.load(s4 + 3 * ld),
            d + 16,
            <usize>NR * 4,
          );
        }
      }
      for (; p < kc; p++) {
        for (let j = 0; j < NR; j++) {
          const v: f32 = j < cols ? load<f32>(src + <usize>j * ld + <usize>p * 4) : 0;
          store<f32>(panel + <usize>(p * NR + j) * 4, v);
        }
      }
    }
  }
}
