// Four-lane f32 transcendental functions for the elementwise kernels: Cephes-style range
// reduction and minimax polynomials, accurate to a few ulp (relative error ≲ 3e-7) over the whole
// f32 range, with IEEE results at the edges (exp overflow → inf, log(0) → -inf, log(x<0) → NaN).

@inline
function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** `c0 + x·(c1 + x·(…))` with Horner's rule. */
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** e^x per lane. */
export function exp4(x: v128): v128 {
  // Beyond these bounds the result is 0 or inf whatever the polynomial says.
  x = f32x4.min(f32x4.max(x, splat(-104.0)), splat(89.0));
  // x = n·ln2 + r with |r| ≤ ln2/2, ln2 split in two so n·ln2 is exact enough.
  const n = f32x4.nearest(f32x4.mul(x, splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, splat(-2.12194440e-4)));
  let p = splat(1.9875691500e-4);
  p = madd(p, r, splat(1.3981999507e-3));
  p = madd(p, r, splat(8.3334519073e-3));
  p = madd(p, r, splat(4.1665795894e-2));
  p = madd(p, r, splat(1.6666665459e-1));
  p = madd(p, r, splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  p = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), splat(1.0));
  // 2^n as two factors 2^(n/2) so n down to -150 (subnormal results) and up to 128 stay exact.
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const half = i32x4.shr_s(ni, 1);
  const rest = i32x4.sub(ni, half);
  const s1 = i32x4.shl(i32x4.add(half, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(rest, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

/** Natural logarithm per lane. */
export function log4(x: v128): v128 {
  const input = x;
  // Subnormals: scale into the normal range first and correct the exponent.
  const tiny = f32x4.lt(x, splat(1.17549435e-38));
  x = v128.bitselect(f32x4.mul(x, splat(8388608.0)), x, tiny);
  let e = i32x4.sub(i32x4.shr_u(x, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(tiny, i32x4.splat(23)));
  // Mantissa in [0.5, 1); below sqrt(1/2) use 2m - 1 so the argument stays near 0.
  let m = v128.or(v128.and(x, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000));
  const low = f32x4.lt(m, splat(0.707106781186547524));
  e = i32x4.add(e, low); // `low` lanes are -1
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), splat(1.0));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(m, m);
  let p = splat(7.0376836292e-2);
  p = madd(p, m, splat(-1.1514610310e-1));
  p = madd(p, m, splat(1.1676998740e-1));
  p = madd(p, m, splat(-1.2420140846e-1));
  p = madd(p, m, splat(1.4249322787e-1));
  p = madd(p, m, splat(-1.6668057665e-1));
  p = madd(p, m, splat(2.0000714765e-1));
  p = madd(p, m, splat(-2.4999993993e-1));
  p = madd(p, m, splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, m), z);
  y = f32x4.add(y, f32x4.mul(ef, splat(-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, splat(0.5)));
  let r = f32x4.add(f32x4.add(m, y), f32x4.mul(ef, splat(0.693359375)));
  // Edges: log(0) = -inf, log(x < 0) = NaN, log(inf) = inf, NaN stays NaN.
  r = v128.bitselect(splat(-Infinity), r, f32x4.eq(input, splat(0)));
  r = v128.bitselect(splat(NaN), r, f32x4.lt(input, splat(0)));
  r = v128.bitselect(input, r, f32x4.ne(input, f32x4.min(input, splat(3.40282347e38))));
  return r;
}

/** tanh per lane: an odd polynomial near 0, `1 - 2/(e^{2|x|}+1)` elsewhere. */
export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = splat(-5.70498872745e-3);
  p = madd(p, z, splat(2.06390887954e-2));
  p = madd(p, z, splat(-5.37397155531e-2));
  p = madd(p, z, splat(1.33314422036e-1));
  p = madd(p, z, splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  const e = exp4(f32x4.add(ax, ax));
  const big = f32x4.sub(splat(1.0), f32x4.div(splat(2.0), f32x4.add(e, splat(1.0))));
  // Copy the sign of x onto the large-argument branch.
  const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, f32x4.lt(ax, splat(0.625)));
}

/** Logistic sigmoid per lane, `1 / (1 + e^{-x})`; saturates cleanly to 0 and 1. */
export function sigmoid4(x: v128): v128 {
  return f32x4.div(splat(1.0), f32x4.add(splat(1.0), exp4(f32x4.neg(x))));
}
