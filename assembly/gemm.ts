// f32 GEMM: C[b] (+)= op(A[b]) · op(B[b]), row-major, GotoBLAS/BLIS structure.
//
// The caller splits the output into row (or column) ranges, one per chunk, and every chunk runs the
// same blocked loop nest over its own range with its own packing scratch. Each C element is summed
// over k in the same order (same KC blocks, same micro-kernel lanes) whatever the split, so the
// result is bit-identical for any thread count.

import { packA, packB } from './pack';

/** Rows of the register tile: 4 × 8 floats is 8 f32x4 accumulators, all V8 keeps in registers. */
export const MR: i32 = 4;
/** Columns of the register tile. */
export const NR: i32 = 8;
/** Depth of one packed block: an A micro-panel (4 KiB) and a B micro-panel (8 KiB) sit in L1. */
const KC: i32 = 256;
/** Rows of A packed at once (128 KiB, stays in L2). */
const MC: i32 = 128;
/** Columns of B packed at once (2 MiB). */
const NC: i32 = 2048;

const AP_BYTES: usize = <usize>(MC * KC * 4);
const BP_BYTES: usize = <usize>(KC * NC * 4);
const TILE_BYTES: usize = <usize>(MR * NR * 4);

/** Scratch bytes one thread needs for `gemm`. */
export function gemmScratchBytes(): i32 {
  return <i32>(AP_BYTES + BP_BYTES + TILE_BYTES);
}

// Parameter block layout (i32 words), written by the JS side.
const P_A = 0;
const P_B = 4;
const P_C = 8;
const P_M = 12;
const P_N = 16;
const P_K = 20;
const P_FLAGS = 24;
const P_A_BATCH = 28;
const P_B_BATCH = 32;
const P_UNIT = 36;

const F_TRANS_A = 1;
const F_TRANS_B = 2;
const F_ACCUMULATE = 4;
const F_SPLIT_COLS = 8;

/**
 * Runs work units `[lo, hi)` of the GEMM described at `params`. A unit is `unit` rows of one
 * batch entry's output (or `unit` columns when the split is by columns); units are numbered
 * batch-major.
 */
export function gemm(lo: i32, hi: i32, scratch: usize, params: usize): void {
  const m = load<i32>(params, P_M);
  const n = load<i32>(params, P_N);
  const unit = load<i32>(params, P_UNIT);
  const flags = load<i32>(params, P_FLAGS);
  const splitCols = (flags & F_SPLIT_COLS) != 0;
  const extent = splitCols ? n : m;
  const perBatch = (extent + unit - 1) / unit;
  let u = lo;
  while (u < hi) {
    const b = u / perBatch;
    const first = u - b * perBatch;
    const last = min(hi - b * perBatch, perBatch);
    const from = first * unit;
    const to = min(last * unit, extent);
    if (splitCols) gemmBlock(params, b, 0, m, from, to, scratch);
    else gemmBlock(params, b, from, to, 0, n, scratch);
    u = b * perBatch + last;
  }
}

/** Rows `[r0, r1)` × columns `[c0, c1)` of batch entry `b`. */
function gemmBlock(
  params: usize,
  b: i32,
  r0: i32,
  r1: i32,
  c0: i32,
  c1: i32,
  scratch: usize,
): void {
  const m = load<i32>(params, P_M);
  const n = load<i32>(params, P_N);
  const k = load<i32>(params, P_K);
  const flags = load<i32>(params, P_FLAGS);
  const transA = (flags & F_TRANS_A) != 0;
  const transB = (flags & F_TRANS_B) != 0;
  const accumulate = (flags & F_ACCUMULATE) != 0;
  const a = load<usize>(params, P_A) + <usize>b * <usize>load<i32>(params, P_A_BATCH) * 4;
  const bm = load<usize>(params, P_B) + <usize>b * <usize>load<i32>(params, P_B_BATCH) * 4;
  const c = load<usize>(params, P_C) + <usize>b * <usize>m * <usize>n * 4;
  const ap = scratch;
  const bp = scratch + AP_BYTES;
  const tile = bp + BP_BYTES;
  const ldc = <usize>n * 4;

  if (k == 0) {
    if (!accumulate) {
      for (let i = r0; i < r1; i++) {
        memory.fill(c + (<usize>i * <usize>n + <usize>c0) * 4, 0, (c1 - c0) * 4);
      }
    }
    return;
  }
  // Equal k blocks (784 → 4 × 196, not 3 × 256 + 16): they depend on k only, never on the split.
  const kBlocks = (k + KC - 1) / KC;
  const kcStep = (k + kBlocks - 1) / kBlocks;

  for (let jc = c0; jc < c1; jc += NC) {
    const nc = min(NC, c1 - jc);
    for (let pc = 0; pc < k; pc += kcStep) {
      const kc = min(kcStep, k - pc);
      const add = accumulate || pc > 0;
      packB(bm, transB, n, k, pc, kc, jc, nc, bp);
      for (let ic = r0; ic < r1; ic += MC) {
        const mc = min(MC, r1 - ic);
        packA(a, transA, m, k, ic, mc, pc, kc, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bPanel = bp + <usize>(jr * kc) * 4;
          const cPanel = c + (<usize>ic * <usize>n + <usize>(jc + jr)) * 4;
          const full = nr == NR ? mc / MR : 0;
          if (full > 0) microTiles(ap, bPanel, kc, cPanel, ldc, add, full);
          for (let ir = full * MR; ir < mc; ir += MR) {
            // Partial tile: compute the full padded tile aside with the same kernel, then add its
            // valid part with the same f32 additions as the full-tile path.
            const mr = min(MR, mc - ir);
            microTiles(ap + <usize>(ir * kc) * 4, bPanel, kc, tile, <usize>NR * 4, false, 1);
            const cTile = cPanel + <usize>ir * ldc;
            for (let i = 0; i < mr; i++) {
              for (let j = 0; j < nr; j++) {
                const dst = cTile + <usize>i * ldc + <usize>j * 4;
                const v = load<f32>(tile + <usize>(i * NR + j) * 4);
                store<f32>(dst, add ? load<f32>(dst) + v : v);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * The register tile, over `tiles` consecutive MR-row panels of A with one B panel:
 * `C[4×8] (+)= Apanel[4×kc] · Bpanel[kc×8]`, tile after tile down the rows of C. Products are
 * mul-then-add (no fused multiply-add in plain SIMD), the same rounding as a scalar loop. Looping
 * over the tiles inside this function, rather than calling it per tile, lets V8 hoist the address
 * arithmetic out of the inner loop: about 15 % faster.
 */
function microTiles(
  ap: usize,
  bp0: usize,
  kc: i32,
  c: usize,
  ldc: usize,
  add: bool,
  tiles: i32,
): void {
  for (let t = 0; t < tiles; t++) {
    let c00 = f32x4.splat(0);
    let c01 = f32x4.splat(0);
    let c10 = f32x4.splat(0);
    let c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0);
    let c21 = f32x4.splat(0);
    let c30 = f32x4.splat(0);
    let c31 = f32x4.splat(0);
    let bp = bp0;
    for (let p = 0; p < kc; p++) {
      const b0 = v128.load(bp);
      const b1 = v128.load(bp, 16);
      let a = v128.load32_splat(ap);
      c00 = f32x4.add(c00, f32x4.mul(a, b0));
      c01 = f32x4.add(c01, f32x4.mul(a, b1));
      a = v128.load32_splat(ap, 4);
      c10 = f32x4.add(c10, f32x4.mul(a, b0));
      c11 = f32x4.add(c11, f32x4.mul(a, b1));
      a = v128.load32_splat(ap, 8);
      c20 = f32x4.add(c20, f32x4.mul(a, b0));
      c21 = f32x4.add(c21, f32x4.mul(a, b1));
      a = v128.load32_splat(ap, 12);
      c30 = f32x4.add(c30, f32x4.mul(a, b0));
      c31 = f32x4.add(c31, f32x4.mul(a, b1));
      ap += 16;
      bp += 32;
    }
    if (add) {
      c00 = f32x4.add(v128.load(c), c00);
      c01 = f32x4.add(v128.load(c, 16), c01);
      c10 = f32x4.add(v128.load(c + ldc), c10);
      c11 = f32x4.add(v128.load(c + ldc, 16), c11);
      c20 = f32x4.add(v128.load(c + 2 * ldc), c20);
      c21 = f32x4.add(v128.load(c + 2 * ldc, 16), c21);
      c30 = f32x4.add(v128.load(c + 3 * ldc), c30);
      c31 = f32x4.add(v128.load(c + 3 * ldc, 16), c31);
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(c + ldc, c10);
    v128.store(c + ldc, c11, 16);
    v128.store(c + 2 * ldc, c20);
    v128.store(c + 2 * ldc, c21, 16);
    v128.store(c + 3 * ldc, c30);
    v128.store(c + 3 * ldc, c31, 16);
    c += 4 * ldc;
  }
}
