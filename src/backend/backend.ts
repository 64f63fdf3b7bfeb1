import type { DType, TypedArray } from '../core/dtype.js';

/**
 * Elementwise unary kernels. `step` is 1 where x > 0 else 0 (the ReLU derivative);
 * `logicalNot` works on bool; all others keep the input dtype.
 */
export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sqrt'
  | 'rsqrt'
  | 'exp'
  | 'expm1'
  | 'log'
  | 'log1p'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'step'
  | 'sign'
  | 'square'
  | 'reciprocal'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'erf'
  | 'logicalNot';

/** Binary kernels over broadcast operands. Comparisons and logical ops write bool outputs. */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'mod'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'logicalAnd'
  | 'logicalOr'
  | 'logicalXor';

/** Binary ops whose output dtype is bool. */
export const BOOL_RESULT_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>([
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'logicalAnd',
  'logicalOr',
  'logicalXor',
]);

/** Activations the fused dense epilogue (`biasActivation`) knows. */
export type FusedActivation = 'linear' | 'relu';

/** Reductions over the middle axis of an `[outer, size, inner]` layout. */
export type ReduceOp = 'sum' | 'max' | 'min' | 'prod';

/** A (possibly batched) matrix product `out[b] = op(a[b]) @ op(b[b])`, row-major. */
export interface MatmulSpec {
  /** Number of matrices in the batch. */
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** `a` is stored as `[k, m]` and read transposed. */
  readonly transA: boolean;
  /** `b` is stored as `[n, k]` and read transposed. */
  readonly transB: boolean;
  /** Elements between consecutive matrices of `a` (0 broadcasts one matrix). */
  readonly aBatchStride: number;
  readonly bBatchStride: number;
  /** When true, add into `out` instead of overwriting it (`out += a @ b`). */
  readonly accumulate?: boolean;
}

/**
 * Image-patch layout for convolution and pooling, channels-last: the input is `[n, h, w, c]`
 * and the patch matrix is `[n, outH, outW, kh, kw, c]`.
 */
export interface PatchSpec {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly kh: number;
  readonly kw: number;
  readonly outH: number;
  readonly outW: number;
  readonly strideH: number;
  readonly strideW: number;
  /** Padding before the first row / column (the rest of 'same' padding goes after). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH: number;
  readonly dilationW: number;
}

/** Opaque storage owned by one backend. */
export interface BackendBuffer {
  readonly dtype: DType;
  readonly size: number;
}

/**
 * The contract every compute backend fulfils. Kernels see buffers and layouts, never tensors;
 * the caller allocates every output. All layouts are row-major with element strides.
 */
export interface Backend {
  readonly name: string;

  /** A new buffer of `size` elements, zero-filled. */
  alloc(dtype: DType, size: number): BackendBuffer;
  /** Releases a buffer; it must not be used afterwards. */
  free(buffer: BackendBuffer): void;
  /**
   * A live typed-array view of the buffer, valid until it is freed. Writes through it are seen by
   * kernels. Re-fetch it after other allocations: a backend may move or grow its memory.
   */
  view(buffer: BackendBuffer): TypedArray;

  /** `out[i] = value`. */
  fill(out: BackendBuffer, value: number): void;
  /** Converts `x` into `out`'s dtype (float → int truncates toward zero, any → bool is `!= 0`). */
  cast(x: BackendBuffer, out: BackendBuffer): void;
  /** `out[i] = op(x[i])` over `x.size` elements. */
  unary(op: UnaryOp, x: BackendBuffer, out: BackendBuffer): void;
  /**
   * `out[idx] = op(a[idx · aStrides], b[idx · bStrides])` for each index of `outShape`; a broadcast
   * dimension has stride 0. Strides have the length of `outShape`.
   */
  binary(
    op: BinaryOp,
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void;
  /** `out = cond ? a : b`, all broadcast by strides as in `binary`. */
  where(
    cond: BackendBuffer,
    condStrides: readonly number[],
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void;
  /** Reduces `x` seen as `[outer, size, inner]` over its middle axis into `out` `[outer, inner]`. */
  reduce(
    op: ReduceOp,
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void;
  /** Index (int32) of the first max / min along the middle axis of `[outer, size, inner]`. */
  argReduce(
    op: 'argmax' | 'argmin',
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void;
  /** Batched matrix multiply, see `MatmulSpec`. */
  matmul(a: BackendBuffer, b: BackendBuffer, out: BackendBuffer, spec: MatmulSpec): void;
  /**
   * Strided copy: for each index `i` of `shape`,
   * `dst[dstOffset + i · dstStrides] = src[srcOffset + i · srcStrides]`.
   * Covers transpose, slicing with steps, broadcasting, concatenation, padding and tiling.
   */
  copy(
    src: BackendBuffer,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: BackendBuffer,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void;
  /**
   * `out[o, j, i] = x[o, indices[j], i]` with `x` seen as `[outer, axisSize, inner]`. Indices are
   * checked by the caller.
   */
  gather(
    x: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void;
  /** The adjoint of `gather`: `out[o, indices[j], i] += src[o, j, i]` (out is not cleared). */
  scatterAdd(
    src: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void;
  /** Extracts image patches (padding reads `padValue`); output layout is in `PatchSpec`. */
  im2col(x: BackendBuffer, spec: PatchSpec, padValue: number, out: BackendBuffer): void;
  /** The adjoint of `im2col`: adds each patch element back into `out` `[n, h, w, c]`. */
  col2im(cols: BackendBuffer, spec: PatchSpec, out: BackendBuffer): void;

  // Optional fused fast paths. The tensor level uses them when present and otherwise composes
  // primitives; tests check each against the composite.

  /**
   * Dense-layer epilogue: `out = act(x + bias)` with `x`, `out` `[rows, cols]` (they may be the
   * same buffer) and `bias` `[cols]`; `relu` is `x > 0 ? x : 0`.
   */
  biasActivation?(
    x: BackendBuffer,
    bias: BackendBuffer,
    rows: number,
    cols: number,
    activation: FusedActivation,
    out: BackendBuffer,
  ): void;
  /**
   * The backward of `biasActivation` from its output `y`: `dz = g ⊙ act'(y)` (for `relu`,
   * `g · (y > 0)`; `dz` is null and unwritten for `linear`) and `dbias = Σ_rows dz` when given.
   */
  biasActivationGrad?(
    g: BackendBuffer,
    y: BackendBuffer,
    rows: number,
    cols: number,
    activation: FusedActivation,
    dz: BackendBuffer | null,
    dbias: BackendBuffer | null,
  ): void;
  /** The softmax backward from its output `y`: `dx = y ⊙ (g − Σ_cols g ⊙ y)` over `[rows, cols]`. */
  softmaxGrad?(
    g: BackendBuffer,
    y: BackendBuffer,
    rows: number,
    cols: number,
    dx: BackendBuffer,
  ): void;
  /** Row-wise softmax (or log-softmax) of `x` seen as `[rows, cols]`. */
  softmax?(x: BackendBuffer, rows: number, cols: number, log: boolean, out: BackendBuffer): void;
  /**
   * Adam update in place over float32 buffers of equal size:
   * `m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; p -= lr · m / (sqrt(v) + eps)` where `lr` already
   * holds the bias corrections.
   */
  adamUpdate?(
    param: BackendBuffer,
    grad: BackendBuffer,
    m: BackendBuffer,
    v: BackendBuffer,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void;
  /**
   * SGD step in place, Keras's convention: without momentum `p -= lr·g` (velocity may be null);
   * with it `v = momentum·v − lr·g`, then `p += v`, or with Nesterov `p += momentum·v − lr·g`.
   */
  sgdUpdate?(
    param: BackendBuffer,
    grad: BackendBuffer,
    velocity: BackendBuffer | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
  ): void;
}
