import { BYTES_PER_ELEMENT, type DType, type TypedArray } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import type {
  Backend,
  BackendBuffer,
  BinaryOp,
  FusedActivation,
  MatmulSpec,
  PatchSpec,
  ReduceOp,
  UnaryOp,
} from '../../backend/backend.js';
import * as ref from '../cpu/kernels.js';
import * as denseRef from '../cpu/dense-kernels.js';
import type { MemoryStats } from './heap.js';
import { mergeDims } from './layout.js';
import {
  MAX_STRIDED_RANK,
  REDUCE_BLOCK,
  writeBinaryRowsParams,
  writeCopyParams,
  writeGemmParams,
  writePatchParams,
} from './kernel-params.js';
import {
  ACTIVATION_CODES,
  BINARY_CODES,
  CHEAP_UNARY,
  REDUCE_CODES,
  UNARY_CODES,
} from './opcodes.js';
import { addressOf, type WasmBuffer } from './wasm-buffer.js';
import { WasmRuntime, type WasmThreadOptions } from './wasm-runtime.js';

// Work sizes (elements, or flops for matmul) from which splitting over threads pays for the
// hand-off (a few microseconds).
const PARALLEL_FLOPS = 400_000;
const PARALLEL_ELEMENTS = 64 * 1024;
const PARALLEL_CHEAP_ELEMENTS = 256 * 1024;
/** Chunks per thread for kernels split over threads (see `WasmRuntime.exec`). */
const CHUNKS = 4;
/** A GEMM this large gets CHUNKS chunks per thread; below it one, since each repacks an operand. */
const MANY_CHUNK_FLOPS = 64e6;

/** Chunks per thread for work `size` against a threshold: CHUNKS at or above it, else none. */
const split = (size: number, threshold: number): number => (size >= threshold ? CHUNKS : 0);

const f32Bits = new Float32Array(1);
const i32Bits = new Int32Array(f32Bits.buffer);

/**
 * The WebAssembly SIMD backend. Buffers live in one wasm memory (shared with the worker threads
 * when threads are available); float32 kernels run in wasm, everything else runs the reference
 * kernels on views of that memory, so it supports every op and dtype the reference does.
 * Create it with `createWasmBackend()`.
 */
export class WasmBackend implements Backend {
  readonly name: string = 'wasm';
  private readonly rt: WasmRuntime;

  /**
   * @param module a compiled build: nabla.wasm for a shared memory, nabla-single.wasm otherwise.
   * @param memory the memory to live in; worker threads only when it is shared.
   */
  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    options: WasmThreadOptions = {},
  ) {
    this.rt = new WasmRuntime(module, memory, options);
  }

  /** Threads kernels may use, the caller's included. */
  get threads(): number {
    return this.rt.threads;
  }

  /**
   * Uses `n` threads (the caller and `n - 1` workers). Results do not depend on it: work is split
   * over outputs, never over a sum.
   */
  setThreads(n: number): void {
    this.rt.setThreads(n);
  }

  /** Thread count, and how many chunks of work the worker threads have run so far. */
  threadStats(): { threads: number; workerChunks: number } {
    return { threads: this.rt.threads, workerChunks: this.rt.workerChunks };
  }

  /** Live and reserved bytes of the wasm memory. */
  memoryStats(): MemoryStats {
    return this.rt.memoryStats();
  }

  /** Stops the worker threads; the backend keeps working on the calling thread. */
  dispose(): void {
    this.rt.dispose();
  }

  alloc(dtype: DType, size: number): BackendBuffer {
    return this.rt.alloc(dtype, size);
  }

  free(buffer: BackendBuffer): void {
    this.rt.free(buffer as WasmBuffer);
  }

  view(buffer: BackendBuffer): TypedArray {
    return this.rt.view(buffer as WasmBuffer);
  }

  fill(out: BackendBuffer, value: number): void {
    this.view(out).fill(value);
  }

  cast(x: BackendBuffer, out: BackendBuffer): void {
    ref.cast(this.view(x), this.view(out));
  }

  unary(op: UnaryOp, x: BackendBuffer, out: BackendBuffer): void {
    const code = UNARY_CODES[op];
    if (code === undefined || x.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.unary(op, this.view(x), this.view(out));
      return;
    }
    const n = x.size;
    const threshold = CHEAP_UNARY.has(op) ? PARALLEL_CHEAP_ELEMENTS : PARALLEL_ELEMENTS / 4;
    this.rt.exec('unaryF32', n, split(n, threshold), 16, [code, addressOf(x), addressOf(out)]);
  }

  binary(
    op: BinaryOp,
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void {
    const code = BINARY_CODES[op];
    const merged = mergeDims(outShape, [aStrides, bStrides]);
    const rank = merged.shape.length;
    const f32 = a.dtype === 'float32' && b.dtype === 'float32' && out.dtype === 'float32';
    if (code === undefined || !f32 || rank > MAX_STRIDED_RANK) {
      ref.binary(op, this.view(a), aStrides, this.view(b), bStrides, this.view(out), outShape);
      return;
    }
    const n = out.size;
    if (n === 0) return;
    const [sa, sb] = merged.strides as [number[], number[]];
    const big = split(n, PARALLEL_CHEAP_ELEMENTS);
    const flatMode = rank === 0 ? 0 : flatBroadcastMode(sa, sb);
    if (flatMode >= 0) {
      const args = [code, addressOf(a), addressOf(b), addressOf(out), flatMode];
      this.rt.exec('binaryFlatF32', n, big, 16, args);
      return;
    }
    const [pa, pb, po] = [addressOf(a), addressOf(b), addressOf(out)];
    const rows = writeBinaryRowsParams(this.rt.params(), code, pa, pb, po, merged);
    this.rt.exec('binaryRowsF32', rows, big, 1, [this.rt.paramsPtr]);
  }

  where(
    cond: BackendBuffer,
    condStrides: readonly number[],
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void {
    const [vc, va, vb] = [this.view(cond), this.view(a), this.view(b)];
    ref.where(vc, condStrides, va, aStrides, vb, bStrides, this.view(out), outShape);
  }

  reduce(
    op: ReduceOp,
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    if (x.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.reduce(op, this.view(x), outer, size, inner, this.view(out));
      return;
    }
    const units = inner === 1 ? outer : outer * Math.ceil(inner / REDUCE_BLOCK);
    const args = [REDUCE_CODES[op], addressOf(x), addressOf(out), size, inner];
    this.rt.exec('reduceF32', units, split(x.size, PARALLEL_ELEMENTS), 1, args);
  }

  argReduce(
    op: 'argmax' | 'argmin',
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    if (x.dtype !== 'float32' || out.dtype !== 'int32' || size === 0) {
      ref.argReduce(op, this.view(x), outer, size, inner, this.view(out));
      return;
    }
    const args = [op === 'argmin' ? 1 : 0, addressOf(x), addressOf(out), size, inner];
    this.rt.exec('argReduceF32', outer, split(x.size, PARALLEL_ELEMENTS), 1, args);
  }

  matmul(a: BackendBuffer, b: BackendBuffer, out: BackendBuffer, spec: MatmulSpec): void {
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.matmul(this.view(a), this.view(b), this.view(out), spec);
      return;
    }
    const { batch, m, n, k } = spec;
    if (batch * m * n === 0) return;
    const [pa, pb, po] = [addressOf(a), addressOf(b), addressOf(out)];
    const units = writeGemmParams(this.rt.params(), pa, pb, po, spec);
    this.rt.exec('gemm', units, gemmChunks(2 * batch * m * n * k), 1, [this.rt.paramsPtr]);
  }

  copy(
    src: BackendBuffer,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: BackendBuffer,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void {
    const merged = mergeDims(shape, [srcStrides, dstStrides]);
    if (src.dtype !== dst.dtype || merged.shape.length > MAX_STRIDED_RANK) {
      const [vs, vd] = [this.view(src), this.view(dst)];
      ref.copy(vs, srcOffset, srcStrides, vd, dstOffset, dstStrides, shape);
      return;
    }
    const total = shape.reduce((a, b) => a * b, 1);
    if (total === 0) return;
    const es = BYTES_PER_ELEMENT[src.dtype];
    const from = addressOf(src) + srcOffset * es;
    const to = addressOf(dst) + dstOffset * es;
    const rows = writeCopyParams(this.rt.params(), from, to, es, merged);
    this.rt.exec('copyRows', rows, split(total, PARALLEL_CHEAP_ELEMENTS), 1, [this.rt.paramsPtr]);
  }

  gather(
    x: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    if (indices.dtype !== 'int32' || x.dtype !== out.dtype) {
      ref.gather(this.view(x), this.view(indices), outer, axisSize, inner, this.view(out));
      return;
    }
    const count = indices.size;
    if (outer * count * inner === 0) return;
    const rowBytes = inner * BYTES_PER_ELEMENT[x.dtype];
    const args = [addressOf(x), addressOf(indices), addressOf(out), count, axisSize, rowBytes];
    this.rt.exec('gatherRows', outer * count, split(out.size, PARALLEL_CHEAP_ELEMENTS), 1, args);
  }

  scatterAdd(
    src: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    if (indices.dtype !== 'int32' || src.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.scatterAdd(this.view(src), this.view(indices), outer, axisSize, inner, this.view(out));
      return;
    }
    const count = indices.size;
    if (outer * count * inner === 0) return;
    const args = [addressOf(src), addressOf(indices), addressOf(out), count, axisSize, inner];
    this.rt.exec('scatterAddF32', outer, split(src.size, PARALLEL_ELEMENTS), 1, args);
  }

  im2col(x: BackendBuffer, spec: PatchSpec, padValue: number, out: BackendBuffer): void {
    if (x.dtype !== out.dtype || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
      ref.im2col(this.view(x), spec, padValue, this.view(out));
      return;
    }
    f32Bits[0] = padValue;
    const padBits = x.dtype === 'float32' ? i32Bits[0]! : padValue | 0;
    writePatchParams(this.rt.params(), addressOf(x), addressOf(out), spec, padBits);
    const big = split(out.size, PARALLEL_ELEMENTS);
    this.rt.exec('im2col32', spec.n * spec.outH, big, 1, [this.rt.paramsPtr]);
  }

  col2im(cols: BackendBuffer, spec: PatchSpec, out: BackendBuffer): void {
    if (cols.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.col2im(this.view(cols), spec, this.view(out));
      return;
    }
    writePatchParams(this.rt.params(), addressOf(out), addressOf(cols), spec, 0);
    this.rt.exec('col2imF32', spec.n, split(cols.size, PARALLEL_ELEMENTS), 1, [this.rt.paramsPtr]);
  }

  softmax(x: BackendBuffer, rows: number, cols: number, log: boolean, out: BackendBuffer): void {
    if (x.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.softmax(this.view(x), rows, cols, log, this.view(out));
      return;
    }
    const args = [addressOf(x), addressOf(out), cols, log ? 1 : 0];
    this.rt.exec('softmaxF32', rows, split(rows * cols, PARALLEL_ELEMENTS / 2), 1, args);
  }

  biasActivation(
    x: BackendBuffer,
    bias: BackendBuffer,
    rows: number,
    cols: number,
    activation: FusedActivation,
    out: BackendBuffer,
  ): void {
    if (x.dtype !== 'float32' || bias.dtype !== 'float32' || out.dtype !== 'float32') {
      const [vx, vb, vo] = [this.view(x), this.view(bias), this.view(out)];
      denseRef.biasActivation(vx, vb, rows, cols, activation, vo);
      return;
    }
    const code = ACTIVATION_CODES[activation];
    const args = [addressOf(x), addressOf(bias), addressOf(out), cols, code];
    this.rt.exec('biasActF32', rows, split(rows * cols, PARALLEL_CHEAP_ELEMENTS), 1, args);
  }

  biasActivationGrad(
    g: BackendBuffer,
    y: BackendBuffer,
    rows: number,
    cols: number,
    activation: FusedActivation,
    dz: BackendBuffer | null,
    dbias: BackendBuffer | null,
  ): void {
    const buffers = [g, y, dz, dbias];
    if (buffers.some((b) => b !== null && b.dtype !== 'float32')) {
      const view = (b: BackendBuffer | null) => (b === null ? null : this.view(b));
      const [vg, vy] = [this.view(g), this.view(y)];
      denseRef.biasActivationGrad(vg, vy, rows, cols, activation, view(dz), view(dbias));
      return;
    }
    const at = (b: BackendBuffer | null) => (b === null ? 0 : addressOf(b));
    const code = ACTIVATION_CODES[activation];
    this.rt.wasm.biasActGradF32(addressOf(g), addressOf(y), at(dz), at(dbias), rows, cols, code);
  }

  softmaxGrad(
    g: BackendBuffer,
    y: BackendBuffer,
    rows: number,
    cols: number,
    dx: BackendBuffer,
  ): void {
    if (g.dtype !== 'float32' || y.dtype !== 'float32' || dx.dtype !== 'float32') {
      denseRef.softmaxGrad(this.view(g), this.view(y), rows, cols, this.view(dx));
      return;
    }
    const args = [addressOf(g), addressOf(y), addressOf(dx), cols];
    this.rt.exec('softmaxGradF32', rows, split(rows * cols, PARALLEL_ELEMENTS / 2), 1, args);
  }

  adamUpdate(
    param: BackendBuffer,
    grad: BackendBuffer,
    m: BackendBuffer,
    v: BackendBuffer,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void {
    if ([param, grad, m, v].some((b) => b.dtype !== 'float32')) {
      const [vp, vg, vm, vv] = [param, grad, m, v].map((b) => this.view(b));
      ref.adamUpdate(vp!, vg!, vm!, vv!, lr, beta1, beta2, epsilon);
      return;
    }
    const ptrs = [addressOf(param), addressOf(grad), addressOf(m), addressOf(v)];
    const big = split(param.size, PARALLEL_ELEMENTS);
    this.rt.exec('adamF32', param.size, big, 16, [...ptrs, lr, beta1, beta2, epsilon]);
  }

  /**
   * SGD step in place (Keras formulation). Without momentum `p -= lr·g` and `velocity` may be
   * null; with it `velocity = momentum·velocity - lr·g`, then `p += velocity`, or with Nesterov
   * `p += momentum·velocity - lr·g`. Not part of `Backend`: an optional fused fast path.
   */
  sgdUpdate(
    param: BackendBuffer,
    grad: BackendBuffer,
    velocity: BackendBuffer | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
  ): void {
    if (momentum !== 0 && velocity === null) {
      throw new NablaError('sgdUpdate', 'momentum needs a velocity buffer');
    }
    const buffers = velocity ? [param, grad, velocity] : [param, grad];
    if (buffers.some((b) => b.dtype !== 'float32')) {
      const vel = velocity && this.view(velocity);
      sgdReference(this.view(param), this.view(grad), vel, lr, momentum, nesterov);
      return;
    }
    const vel = velocity ? addressOf(velocity) : 0;
    const args = [addressOf(param), addressOf(grad), vel, lr, momentum, nesterov ? 1 : 0];
    this.rt.exec('sgdF32', param.size, split(param.size, PARALLEL_ELEMENTS), 16, args);
  }
}

/** Chunks per thread for a GEMM of `flops`. */
function gemmChunks(flops: number): number {
  if (flops >= MANY_CHUNK_FLOPS) return CHUNKS;
  return flops >= PARALLEL_FLOPS ? 1 : 0;
}

/**
 * Mode of the flat binary kernel for merged strides (0 same shape, 1 scalar `a`, 2 scalar `b`),
 * or -1 when the layout needs the row kernel.
 */
function flatBroadcastMode(sa: readonly number[], sb: readonly number[]): number {
  if (sa.length !== 1) return -1;
  if (sa[0] === 1 && sb[0] === 1) return 0;
  if (sa[0] === 0 && sb[0] === 1) return 1;
  if (sa[0] === 1 && sb[0] === 0) return 2;
  return -1;
}

function sgdReference(
  p: TypedArray,
  g: TypedArray,
  vel: TypedArray | null,
  lr: number,
  momentum: number,
  nesterov: boolean,
): void {
  for (let i = 0; i < p.length; i++) {
    if (vel === null || momentum === 0) {
      p[i]! -= lr * g[i]!;
      continue;
    }
    const v = momentum * vel[i]! - lr * g[i]!;
    vel[i] = v;
    p[i]! += nesterov ? momentum * v - lr * g[i]! : v;
  }
}

