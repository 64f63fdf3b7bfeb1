// im2col / col2im for channels-last images: `x [n, h, w, c]` ↔ `cols [n, outH, outW, kh, kw, c]`.
// Each (output pixel, kernel tap) moves one run of `c` contiguous values.

// Parameter block layout (i32 words), written by the JS side.
const P_X = 0;
const P_COLS = 4;
const P_N = 8;
const P_H = 12;
const P_W = 16;
const P_C = 20;
const P_KH = 24;
const P_KW = 28;
const P_OUT_H = 32;
const P_OUT_W = 36;
const P_STRIDE_H = 40;
const P_STRIDE_W = 44;
const P_PAD_TOP = 48;
const P_PAD_LEFT = 52;
const P_DIL_H = 56;
const P_DIL_W = 60;
const P_PAD_BITS = 64;

/**
 * Output rows `[lo, hi)` (a row is one `(image, oy)`) of im2col over 4-byte elements; taps in the
 * padding read the bit pattern at `P_PAD_BITS`.
 */
export function im2col32(lo: i32, hi: i32, scratch: usize, p: usize): void {
  const x = load<usize>(p, P_X);
  const cols = load<usize>(p, P_COLS);
  const h = load<i32>(p, P_H);
  const w = load<i32>(p, P_W);
  const c = load<i32>(p, P_C);
  const kh = load<i32>(p, P_KH);
  const kw = load<i32>(p, P_KW);
  const outH = load<i32>(p, P_OUT_H);
  const outW = load<i32>(p, P_OUT_W);
  const sh = load<i32>(p, P_STRIDE_H);
  const sw = load<i32>(p, P_STRIDE_W);
  const dh = load<i32>(p, P_DIL_H);
  const dw = load<i32>(p, P_DIL_W);
  const padBits = load<i32>(p, P_PAD_BITS);
  const runBytes = <usize>c << 2;
  let dst = cols + <usize>lo * <usize>outW * <usize>kh * <usize>kw * runBytes;
  for (let row = lo; row < hi; row++) {
    const b = row / outH;
    const oy = row - b * outH;
    const image = x + <usize>b * <usize>h * <usize>w * runBytes;
    for (let ox = 0; ox < outW; ox++) {
      for (let ky = 0; ky < kh; ky++) {
        const y = oy * sh - load<i32>(p, P_PAD_TOP) + ky * dh;
        for (let kx = 0; kx < kw; kx++) {
          const xx = ox * sw - load<i32>(p, P_PAD_LEFT) + kx * dw;
          if (y >= 0 && y < h && xx >= 0 && xx < w) {
            const src = image + (<usize>y * <usize>w + <usize>xx) * runBytes;
            if (c == 1) store<u32>(dst, load<u32>(src));
            else memory.copy(dst, src, runBytes);
          } else {
            for (let ch = 0; ch < c; ch++) store<i32>(dst + (<usize>ch << 2), padBits);
          }
          dst += runBytes;
        }
      }
    }
  }
}

/**
 * Images `[lo, hi)` of col2im over f32: adds every patch value back into its pixel of `x`
 * (`P_X`, not cleared). Split by image because patches of one image overlap.
 */
export function col2imF32(lo: i32, hi: i32, scratch: usize, p: usize): void {
  const x = load<usize>(p, P_X);
  const cols = load<usize>(p, P_COLS);
  const h = load<i32>(p, P_H);
  const w = load<i32>(p, P_W);
  const c = load<i32>(p, P_C);
  const kh = load<i32>(p, P_KH);
  const kw = load<i32>(p, P_KW);
  const outH = load<i32>(p, P_OUT_H);
  const outW = load<i32>(p, P_OUT_W);
  const sh = load<i32>(p, P_STRIDE_H);
  const sw = load<i32>(p, P_STRIDE_W);
  const dh = load<i32>(p, P_DIL_H);
  const dw = load<i32>(p, P_DIL_W);
  const runBytes = <usize>c << 2;
  let src = cols + <usize>lo * <usize>outH * <usize>outW * <usize>kh * <usize>kw * runBytes;
  for (let b = lo; b < hi; b++) {
    const image = x + <usize>b * <usize>h * <usize>w * runBytes;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const y = oy * sh - load<i32>(p, P_PAD_TOP) + ky * dh;
          for (let kx = 0; kx < kw; kx++) {
            const xx = ox * sw - load<i32>(p, P_PAD_LEFT) + kx * dw;
            if (y >= 0 && y < h && xx >= 0 && xx < w) {
              const dst = image + (<usize>y * <usize>w + <usize>xx) * runBytes;
              let ch = 0;
              for (; ch + 4 <= c; ch += 4) {
                const at = <usize>ch << 2;
                v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
              }
              for (; ch < c; ch++) {
                const at = <usize>ch << 2;
                store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
              }
            }
            src += runBytes;
          }
        }
      }
    }
  }
}
