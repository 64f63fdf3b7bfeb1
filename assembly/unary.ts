// Elementwise f32 kernels: unary maps, fill, and the two-operand maps used by `binary`.
// Op codes match `UNARY_CODES` / `BINARY_CODES` in src/backends/wasm/opcodes.ts.

import { exp4, log4, sigmoid4, tanh4 } from './vmath';

const U_NEG = 0;
const U_ABS = 1;
const U_SQRT = 2;
const U_RSQRT = 3;
const U_EXP = 4;
const U_LOG = 5;
const U_TANH = 6;
const U_SIGMOID = 7;
const U_RELU = 8;
const U_STEP = 9;
const U_SIGN = 10;
const U_SQUARE = 11;
const U_RECIPROCAL = 12;
const U_FLOOR = 13;
const U_CEIL = 14;
const U_ROUND = 15;

/** One op on four lanes; `op` is a constant after inlining, so the switch folds away. */
@inline
function unaryOp(op: i32, x: v128): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  switch (op) {
    case U_NEG:
      return f32x4.neg(x);
    case U_ABS:
      return f32x4.abs(x);
    case U_SQRT:
      return f32x4.sqrt(x);
    case U_RSQRT:
      return f32x4.div(one, f32x4.sqrt(x));
    case U_EXP:
      return exp4(x);
    case U_LOG:
      return log4(x);
    case U_TANH:
      return tanh4(x);
    case U_SIGMOID:
      return sigmoid4(x);
    case U_RELU:
      // pmax(0, x) is `0 < x ? x : 0`, so NaN maps to 0 like the reference.
      return f32x4.pmax(zero, x);
    case U_STEP:
      return v128.and(f32x4.gt(x, zero), one);
    case U_SIGN: {
      // 1 above zero, -1 below; zeros and NaN map to themselves.
      const r = v128.bitselect(one, x, f32x4.gt(x, zero));
      return v128.bitselect(f32x4.splat(-1), r, f32x4.lt(x, zero));
    }
    case U_SQUARE:
      return f32x4.mul(x, x);
    case U_RECIPROCAL:
      return f32x4.div(one, x);
    case U_FLOOR:
      return f32x4.floor(x);
    case U_CEIL:
      return f32x4.ceil(x);
    case U_ROUND:
      // Round half to even, as the reference.
      return f32x4.nearest(x);
  }
  return x;
}

@inline
function unaryLoop(op: i32, x: usize, out: usize, lo: i32, hi: i32): void {
  let i = lo;
  for (; i + 4 <= hi; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, unaryOp(op, v128.load(x + at)));
  }
  // The tail goes through the same four-lane code, so a value's result never depends on where a
  // chunk boundary falls.
  for (; i < hi; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, f32x4.extract_lane(unaryOp(op, f32x4.splat(load<f32>(x + at))), 0));
  }
}

/** `out[i] = op(x[i])` for `i` in `[lo, hi)`. */
export function unaryF32(lo: i32, hi: i32, scratch: usize, op: i32, x: usize, out: usize): void {
  switch (op) {
    case U_NEG: unaryLoop(U_NEG, x, out, lo, hi); break;
    case U_ABS: unaryLoop(U_ABS, x, out, lo, hi); break;
    case U_SQRT: unaryLoop(U_SQRT, x, out, lo, hi); break;
    case U_RSQRT: unaryLoop(U_RSQRT, x, out, lo, hi); break;
    case U_EXP: unaryLoop(U_EXP, x, out, lo, hi); break;
    case U_LOG: unaryLoop(U_LOG, x, out, lo, hi); break;
    case U_TANH: unaryLoop(U_TANH, x, out, lo, hi); break;
    case U_SIGMOID: unaryLoop(U_SIGMOID, x, out, lo, hi); break;
    case U_RELU: unaryLoop(U_RELU, x, out, lo, hi); break;
    case U_STEP: unaryLoop(U_STEP, x, out, lo, hi); break;
    case U_SIGN: unaryLoop(U_SIGN, x, out, lo, hi); break;
    case U_SQUARE: unaryLoop(U_SQUARE, x, out, lo, hi); break;
    case U_RECIPROCAL: unaryLoop(U_RECIPROCAL, x, out, lo, hi); break;
    case U_FLOOR: unaryLoop(U_FLOOR, x, out, lo, hi); break;
    case U_CEIL: unaryLoop(U_CEIL, x, out, lo, hi); break;
    case U_ROUND: unaryLoop(U_ROUND, x, out, lo, hi); break;
  }
}
