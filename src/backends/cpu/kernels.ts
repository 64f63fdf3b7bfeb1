/**
 * Reference kernels over plain typed arrays: the oracle every other backend is tested against,
 * and the fallback a faster backend runs on views of its own memory for what it does not
 * accelerate. Written for clarity first; float math is done in float64 and stored.
 */
import type { TypedArray } from '../../core/dtype.js';
import type { BinaryOp, MatmulSpec, PatchSpec, ReduceOp, UnaryOp } from '../../backend/backend.js';
import { erf } from './erf.js';

type Fn1 = (x: number) => number;
type Fn2 = (a: number, b: number) => number;

const UNARY: Record<UnaryOp, Fn1> = {
  neg: (x) => -x,
  abs: Math.abs,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  relu: (x) => (x > 0 ? x : 0),
  step: (x) => (x > 0 ? 1 : 0),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  floor: Math.floor,
  ceil: Math.ceil,
  // Round half to even, as NumPy and PyTorch do.
  round: (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  erf,
  logicalNot: (x) => (x ? 0 : 1),
};

const BINARY: Record<BinaryOp, Fn2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // NaN propagates, as in NumPy's maximum/minimum.
  maximum: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  mod: (a, b) => {
    const r = a % b;
    return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
  },
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a && b ? 1 : 0),
  logicalOr: (a, b) => (a || b ? 1 : 0),
  logicalXor: (a, b) => (!a !== !b ? 1 : 0),
};

/** `out[i] = value`. */
export function fill(out: TypedArray, value: number): void {
  out.fill(value);
}

/** Dtype conversion; float → int truncates toward zero, anything → bool is `!= 0`. */
export function cast(x: TypedArray, out: TypedArray): void {
  if (out instanceof Uint8Array) {
    for (let i = 0; i < x.length; i++) out[i] = x[i] !== 0 ? 1 : 0;
  } else if (out instanceof Int32Array) {
    for (let i = 0; i < x.length; i++) out[i] = Math.trunc(x[i]!);
  } else {
    out.set(x);
  }
}

/** `out[i] = op(x[i])`. */
export function unary(op: UnaryOp, x: TypedArray, out: TypedArray): void {
  const f = UNARY[op];
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]!);
}

/** Calls `body(outIndex, aIndex, bIndex)` over a broadcast iteration space. */
function forEachBroadcast(
  shape: readonly number[],
  aStrides: readonly number[],
  bStrides: readonly number[],
  body: (o: number, ia: number, ib: number) => void,
): void {
  const rank = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < size; o++) {
    body(o, ia, ib);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      ia += aStrides[d]!;
      ib += bStrides[d]!;
      if (idx[d]! < shape[d]!) break;
      ia -= aStrides[d]! * shape[d]!;
      ib -= bStrides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

/** Broadcast binary op; see `Backend.binary`. */
export function binary(
  op: BinaryOp,
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
): void {
  const f = BINARY[op];
  forEachBroadcast(outShape, aStrides, bStrides, (o, ia, ib) => {
    out[o] = f(a[ia]!, b[ib]!);
  });
}

/** `out = cond ? a : b` with broadcasting by strides. */
export function where(
  cond: TypedArray,
  condStrides: readonly number[],
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
): void {
  // First pass takes `b` everywhere, second overwrites where the condition holds.
  forEachBroadcast(outShape, bStrides, bStrides, (o, ib) => {
    out[o] = b[ib]!;
  });
  forEachBroadcast(outShape, condStrides, aStrides, (o, ic, ia) => {
    if (cond[ic]) out[o] = a[ia]!;
  });
}

/** Reduction over the middle axis of `[outer, size, inner]`. */
export function reduce(
  op: ReduceOp,
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let acc = op === 'sum' ? 0 : op === 'prod' ? 1 : op === 'max' ? -Infinity : Infinity;
      for (let s = 0; s < size; s++) {
        const v = x[base + s * inner]!;
        if (op === 'sum') acc += v;
        else if (op === 'prod') acc *= v;
        else if (v !== v) acc = NaN;
        else if (op === 'max') acc = v > acc ? v : acc;
        else acc = v < acc ? v : acc;
        if (acc !== acc && (op === 'max' || op === 'min')) break;
      }
      out[o * inner + i] = acc;
    }
  }
}

/** Index of the first extreme value along the middle axis; NaN counts as the extreme. */
export function argReduce(
  op: 'argmax' | 'argmin',
  x: TypedArray,
  outer: number,
  size: number,
  inner: number,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = 0;
      let bestValue = x[base]!;
      for (let s = 1; s < size && bestValue === bestValue; s++) {
        const v = x[base + s * inner]!;
        if (v !== v || (op === 'argmax' ? v > bestValue : v < bestValue)) {
          best = s;
          bestValue = v;
        }
      }
      out[o * inner + i] = best;
    }
  }
}

/** Batched matrix multiply; see `MatmulSpec`. */
export function matmul(a: TypedArray, b: TypedArray, out: TypedArray, spec: MatmulSpec): void {
  const { batch, m, n, k, transA, transB, aBatchStride, bBatchStride } = spec;
  const row = new Float64Array(n);
  for (let p = 0; p < batch; p++) {
    const aOff = p * aBatchStride;
    const bOff = p * bBatchStride;
    const oOff = p * m * n;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let kk = 0; kk < k; kk++) {
        const av = a[aOff + (transA ? kk * m + i : i * k + kk)]!;
        if (av === 0) continue;
        if (transB) {
          for (let j = 0; j < n; j++) row[j]! += av * b[bOff + j * k + kk]!;
        } else {
          const bRow = bOff + kk * n;
          for (let j = 0; j < n; j++) row[j]! += av * b[bRow + j]!;
        }
      }
      const o = oOff + i * n;
      if (spec.accumulate) for (let j = 0; j < n; j++) out[o + j]! += row[j]!;
      else for (let j = 0; j < n; j++) out[o + j] = row[j]!;
    }
  }
}

/** Strided copy; see `Backend.copy`. */
export function copy(
  src: TypedArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  forEachBroadcast(shape, srcStrides, dstStrides, (_o, is, id) => {
    dst[dstOffset + id] = src[srcOffset + is]!;
  });
}

/** `out[o, j, i] = x[o, indices[j], i]`. */
export function gather(
  x: TypedArray,
  indices: TypedArray,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const src = (o * axisSize + indices[j]!) * inner;
      const dst = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = x[src + i]!;
    }
  }
}

/** `out[o, indices[j], i] += src[o, j, i]`. */
export function scatterAdd(
  src: TypedArray,
  indices: TypedArray,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const dst = (o * axisSize + indices[j]!) * inner;
      const from = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i]! += src[from + i]!;
    }
  }
}

/** Calls `body(colIndex, imageIndex)` for each patch element; imageIndex is -1 in padding. */
function forEachPatch(spec: PatchSpec, body: (col: number, img: number) => void): void {
  const { n, h, w, c, kh, kw, outH, outW, strideH, strideW, padTop, padLeft } = spec;
  let col = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const y = oy * strideH - padTop + ky * spec.dilationH;
          for (let kx = 0; kx < kw; kx++) {
            const x = ox * strideW - padLeft + kx * spec.dilationW;
            const inside = y >= 0 && y < h && x >= 0 && x < w;
            const base = ((b * h + y) * w + x) * c;
            for (let ch = 0; ch < c; ch++) body(col++, inside ? base + ch : -1);
          }
        }
      }
    }
  }
}

/** Extracts patches `[n, outH, outW, kh, kw, c]`; padding reads `padValue`. */
export function im2col(x: TypedArray, spec: PatchSpec, padValue: number, out: TypedArray): void {
  forEachPatch(spec, (col, img) => {
    out[col] = img < 0 ? padValue : x[img]!;
  });
}

/** Adds each patch element back to its pixel: the adjoint of `im2col`. */
export function col2im(cols: TypedArray, spec: PatchSpec, out: TypedArray): void {
  forEachPatch(spec, (col, img) => {
    if (img >= 0) out[img]! += cols[col]!;
  });
}

/** Numerically stable row softmax or log-softmax over `[rows, cols]`. */
export function softmax(
  x: TypedArray,
  rows: number,
  cols: number,
  log: boolean,
  out: TypedArray,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, x[base + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(x[base + j]! - max);
    const logSum = Math.log(sum);
    for (let j = 0; j < cols; j++) {
      const shifted = x[base + j]! - max;
      out[base + j] = log ? shifted - logSum : Math.exp(shifted) / sum;
    }
  }
}

/** In-place Adam step; `lr` already includes the bias corrections. */
export function adamUpdate(
  param: TypedArray,
  grad: TypedArray,
  m: TypedArray,
  v: TypedArray,
  lr: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): void {
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * g;
    const vi = beta2 * v[i]! + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    param[i]! -= (lr * mi) / (Math.sqrt(vi) + epsilon);
  }
}

/** In-place SGD step (Keras's momentum convention; see `Backend.sgdUpdate`). */
export function sgdUpdate(
  param: TypedArray,
  grad: TypedArray,
  velocity: TypedArray | null,
  lr: number,
  momentum: number,
  nesterov: boolean,
): void {
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!;
    if (!velocity) {
      param[i]! -= lr * g;
      continue;
    }
    const v = momentum * velocity[i]! - lr * g;
    velocity[i] = v;
    param[i]! += nesterov ? momentum * v - lr * g : v;
  }
}
