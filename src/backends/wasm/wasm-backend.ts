import { BYTES_PER_ELEMENT, type DType, type TypedArray } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import type {
  Backend,
  BackendBuffer,
  BinaryOp,
  MatmulSpec,
  PatchSpec,
  ReduceOp,
  UnaryOp,
} from '../../backend/backend.js';
import * as ref from '../cpu/kernels.js';
import { WasmHeap, type MemoryStats } from './heap.js';
import { mergeDims } from './layout.js';
import {
  compileWasmSync,
  nodeBuiltins,
  PARALLEL_KERNELS,
  sharedMemorySupported,
  simdSupported,
  type ParallelKernel,
  type WasmExports,
} from './loader.js';
import { BINARY_CODES, CHEAP_UNARY, REDUCE_CODES, UNARY_CODES } from './opcodes.js';
import { ThreadPool, type KernelFn } from './thread-pool.js';
import { addressOf, makeView, WasmBuffer } from './wasm-buffer.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions {
  /** Threads including the caller's (default: the number of cores; 1 without shared memory). */
  readonly threads?: number;
  /** A compiled build/nabla.wasm (or nabla-single.wasm); required in browsers. */
  readonly module?: WebAssembly.Module;
  /** How long an idle worker spins before it sleeps, in ms (default 2). */
  readonly spinMs?: number;
}

const KERNEL_ID = new Map<ParallelKernel, number>(PARALLEL_KERNELS.map((name, i) => [name, i]));
/** Reserved bytes at the bottom of the memory: address 0 stays unused. */
const HEAP_BASE = 1024;
/** Bytes of the parameter block for kernels with long argument lists. */
const PARAMS_BYTES = 256;

// Work sizes (elements, or flops for matmul) from which splitting over threads pays for the
// hand-off (a few microseconds).
const PARALLEL_FLOPS = 400_000;
const PARALLEL_ELEMENTS = 64 * 1024;
const PARALLEL_CHEAP_ELEMENTS = 256 * 1024;

const f32Bits = new Float32Array(1);
const i32Bits = new Int32Array(f32Bits.buffer);

/**
 * The WebAssembly SIMD backend. Buffers live in one wasm memory (shared with the worker threads
 * when threads are available); float32 kernels run in wasm, everything else runs the reference
 * kernels on views of that memory, so it supports every op and dtype the reference does.
 */
export class WasmBackend implements Backend {
  readonly name: string = 'wasm';
  private readonly memory: WebAssembly.Memory;
  private readonly wasm: WasmExports;
  private readonly heap: WasmHeap;
  private readonly fns: KernelFn[];
  private readonly pool: ThreadPool | null;
  /** Scratch block of each thread; index 0 is the caller's. */
  private readonly scratch: number[] = [];
  private readonly scratchBytes: number;
  private readonly paramsPtr: number;
  private paramsView = new Int32Array(0);
  private threadCount = 1;

  constructor(module: WebAssembly.Module, shared: boolean, options: WasmBackendOptions = {}) {
    this.memory = createMemory(shared);
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.wasm = instance.exports as unknown as WasmExports;
    this.fns = PARALLEL_KERNELS.map((name) => this.wasm[name] as KernelFn);
    this.heap = new WasmHeap(this.memory, this.wasm.zeroBytes, HEAP_BASE);
    this.paramsPtr = this.heap.alloc(PARAMS_BYTES);
    this.scratchBytes = this.wasm.gemmScratchBytes() + 256;
    this.scratch.push(this.heap.alloc(this.scratchBytes));
    const spinMs = options.spinMs ?? 2;
    this.pool = shared
      ? new ThreadPool((index, control) => ({
          module,
          memory: this.memory,
          control,
          kernels: PARALLEL_KERNELS,
          scratch: this.scratchFor(index),
          spinMs,
        }))
      : null;
    this.setThreads(options.threads ?? defaultThreads(shared));
  }

  /** Threads kernels may use, the caller's included. */
  get threads(): number {
    return this.threadCount;
  }

  /**
   * Uses `n` threads (the caller and `n - 1` workers). Results do not depend on it: work is split
   * over outputs, never over a sum.
   */
  setThreads(n: number): void {
    if (!Number.isInteger(n) || n < 1) {
      throw new NablaError('setThreads', `expected a positive integer, got ${n}`);
    }
    this.threadCount = this.pool ? n : 1;
    this.pool?.resize(this.threadCount - 1);
  }

  /** Thread count, and how many chunks of work the worker threads have run so far. */
  threadStats(): { threads: number; workerChunks: number } {
    return { threads: this.threadCount, workerChunks: this.pool?.workerChunks ?? 0 };
  }

  /** Live and reserved bytes of the wasm memory. */
  memoryStats(): MemoryStats {
    return this.heap.stats();
  }

  /** Stops the worker threads; the backend keeps working on the calling thread. */
  dispose(): void {
    this.pool?.terminate();
    this.threadCount = 1;
  }

  alloc(dtype: DType, size: number): BackendBuffer {
    const bytes = size * BYTES_PER_ELEMENT[dtype];
    return new WasmBuffer(dtype, size, bytes === 0 ? 0 : this.heap.alloc(bytes), bytes);
  }

  free(buffer: BackendBuffer): void {
    const b = buffer as WasmBuffer;
    // A second free (say, dispose and then a finalizer) is harmless.
    if (b.freed) return;
    b.freed = true;
    b.cachedView = null;
    if (b.bytes > 0) this.heap.release(b.ptr, b.bytes);
  }

  view(buffer: BackendBuffer): TypedArray {
    const b = buffer as WasmBuffer;
    const memory = this.memory.buffer;
    if (b.cachedOn !== memory || b.cachedView === null) {
      addressOf(b);
      b.cachedView = makeView(b.dtype, memory, b.ptr, b.size);
      b.cachedOn = memory;
    }
    return b.cachedView;
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
    this.exec('unaryF32', n, n >= threshold, 16, [code, addressOf(x), addressOf(out)]);
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
    if (code === undefined || !f32 || rank > 6) {
      ref.binary(op, this.view(a), aStrides, this.view(b), bStrides, this.view(out), outShape);
      return;
    }
    const n = out.size;
    if (n === 0) return;
    const [sa, sb] = merged.strides as [number[], number[]];
    const big = n >= PARALLEL_CHEAP_ELEMENTS;
    const flatMode = rank === 0 ? 0 : rank === 1 ? flatBroadcastMode(sa[0]!, sb[0]!) : -1;
    if (flatMode >= 0) {
      const args = [code, addressOf(a), addressOf(b), addressOf(out), flatMode];
      this.exec('binaryFlatF32', n, big, 16, args);
      return;
    }
    const p = this.params();
    p[0] = code;
    p[1] = addressOf(a);
    p[2] = addressOf(b);
    p[3] = addressOf(out);
    p[4] = rank;
    for (let d = 0; d < rank; d++) {
      p[5 + d] = merged.shape[d]!;
      p[11 + d] = sa[d]!;
      p[17 + d] = sb[d]!;
    }
    this.exec('binaryRowsF32', n / merged.shape[rank - 1]!, big, 1, [this.paramsPtr]);
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
    const units = inner === 1 ? outer : outer * Math.ceil(inner / 512);
    const args = [REDUCE_CODES[op], addressOf(x), addressOf(out), size, inner];
    this.exec('reduceF32', units, x.size >= PARALLEL_ELEMENTS, 1, args);
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
    this.exec('argReduceF32', outer, x.size >= PARALLEL_ELEMENTS, 1, args);
  }

  matmul(a: BackendBuffer, b: BackendBuffer, out: BackendBuffer, spec: MatmulSpec): void {
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.matmul(this.view(a), this.view(b), this.view(out), spec);
      return;
    }
    const { batch, m, n, k } = spec;
    if (batch * m * n === 0) return;
    // Split over the dimension whose operand is cheaper to pack twice: by rows every thread
    // packs all of B (k·n), by columns all of A (m·k).
    const splitCols = n >= m;
    const unit = splitCols ? 8 : 4;
    const p = this.params();
    p[0] = addressOf(a);
    p[1] = addressOf(b);
    p[2] = addressOf(out);
    p[3] = m;
    p[4] = n;
    p[5] = k;
    p[6] =
      (spec.transA ? 1 : 0) | (spec.transB ? 2 : 0) | (spec.accumulate ? 4 : 0) | (splitCols ? 8 : 0);
    p[7] = spec.aBatchStride;
    p[8] = spec.bBatchStride;
    p[9] = unit;
    const units = batch * Math.ceil((splitCols ? n : m) / unit);
    this.exec('gemm', units, 2 * batch * m * n * k >= PARALLEL_FLOPS, 1, [this.paramsPtr]);
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
    const rank = merged.shape.length;
    if (src.dtype !== dst.dtype || rank > 6) {
      const [vs, vd] = [this.view(src), this.view(dst)];
      ref.copy(vs, srcOffset, srcStrides, vd, dstOffset, dstStrides, shape);
      return;
    }
    let total = 1;
    for (const d of shape) total *= d;
    if (total === 0) return;
    const es = BYTES_PER_ELEMENT[src.dtype];
    const p = this.params();
    p[0] = addressOf(src) + srcOffset * es;
    p[1] = addressOf(dst) + dstOffset * es;
    p[2] = es;
    p[3] = Math.max(rank, 1);
    p[4] = rank === 0 ? 1 : merged.shape[0]!;
    p[10] = rank === 0 ? 1 : merged.strides[0]![0]!;
    p[16] = rank === 0 ? 1 : merged.strides[1]![0]!;
    for (let d = 1; d < rank; d++) {
      p[4 + d] = merged.shape[d]!;
      p[10 + d] = merged.strides[0]![d]!;
      p[16 + d] = merged.strides[1]![d]!;
    }
    const rows = rank === 0 ? 1 : total / merged.shape[rank - 1]!;
    this.exec('copyRows', rows, total >= PARALLEL_CHEAP_ELEMENTS, 1, [this.paramsPtr]);
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
    this.exec('gatherRows', outer * count, out.size >= PARALLEL_CHEAP_ELEMENTS, 1, args);
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
    this.exec('scatterAddF32', outer, src.size >= PARALLEL_ELEMENTS, 1, args);
  }

  im2col(x: BackendBuffer, spec: PatchSpec, padValue: number, out: BackendBuffer): void {
    if (x.dtype !== out.dtype || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
      ref.im2col(this.view(x), spec, padValue, this.view(out));
      return;
    }
    f32Bits[0] = padValue;
    this.patchParams(x, out, spec, x.dtype === 'float32' ? i32Bits[0]! : padValue | 0);
    const big = out.size >= PARALLEL_ELEMENTS;
    this.exec('im2col32', spec.n * spec.outH, big, 1, [this.paramsPtr]);
  }

  col2im(cols: BackendBuffer, spec: PatchSpec, out: BackendBuffer): void {
    if (cols.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.col2im(this.view(cols), spec, this.view(out));
      return;
    }
    this.patchParams(out, cols, spec, 0);
    this.exec('col2imF32', spec.n, cols.size >= PARALLEL_ELEMENTS, 1, [this.paramsPtr]);
  }

  softmax(x: BackendBuffer, rows: number, cols: number, log: boolean, out: BackendBuffer): void {
    if (x.dtype !== 'float32' || out.dtype !== 'float32') {
      ref.softmax(this.view(x), rows, cols, log, this.view(out));
      return;
    }
    const args = [addressOf(x), addressOf(out), cols, log ? 1 : 0];
    this.exec('softmaxF32', rows, rows * cols >= PARALLEL_ELEMENTS / 2, 1, args);
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
    const big = param.size >= PARALLEL_ELEMENTS;
    this.exec('adamF32', param.size, big, 16, [...ptrs, lr, beta1, beta2, epsilon]);
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
      sgdReference(this.view(param), this.view(grad), velocity && this.view(velocity), lr, momentum, nesterov);
      return;
    }
    const vel = velocity ? addressOf(velocity) : 0;
    const args = [addressOf(param), addressOf(grad), vel, lr, momentum, nesterov ? 1 : 0];
    this.exec('sgdF32', param.size, param.size >= PARALLEL_ELEMENTS, 16, args);
  }

  /** Runs a kernel over `units`, on all threads when `parallel` and there is more than one. */
  private exec(
    kernel: ParallelKernel,
    units: number,
    parallel: boolean,
    grain: number,
    args: number[],
  ): void {
    if (units <= 0) return;
    const fn = this.fns[KERNEL_ID.get(kernel)!]!;
    const chunks = parallel ? Math.min(this.threadCount, Math.ceil(units / grain)) : 1;
    if (chunks <= 1 || this.pool === null) {
      fn(0, units, this.scratch[0]!, ...args);
      return;
    }
    this.pool.run(KERNEL_ID.get(kernel)!, fn, this.scratch[0]!, units, chunks, grain, args);
  }

  /** The parameter block as int32 words, on the current memory buffer. */
  private params(): Int32Array {
    if (this.paramsView.buffer !== this.memory.buffer) {
      this.paramsView = new Int32Array(this.memory.buffer, this.paramsPtr, PARAMS_BYTES / 4);
    }
    return this.paramsView;
  }

  private patchParams(image: BackendBuffer, cols: BackendBuffer, s: PatchSpec, pad: number): void {
    const p = this.params();
    p.set([addressOf(image), addressOf(cols), s.n, s.h, s.w, s.c, s.kh, s.kw, s.outH, s.outW]);
    p.set([s.strideH, s.strideW, s.padTop, s.padLeft, s.dilationH, s.dilationW, pad], 10);
  }

  private scratchFor(index: number): number {
    while (this.scratch.length <= index) this.scratch.push(this.heap.alloc(this.scratchBytes));
    return this.scratch[index]!;
  }
}

/** Mode of the flat binary kernel for 1-D strides, or -1 when it needs the row kernel. */
function flatBroadcastMode(sa: number, sb: number): number {
  if (sa === 1 && sb === 1) return 0;
  if (sa === 0 && sb === 1) return 1;
  if (sa === 1 && sb === 0) return 2;
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

/** A wasm memory, shared when threads are possible; asks for less address space if refused. */
function createMemory(shared: boolean): WebAssembly.Memory {
  const initial = 256;
  if (!shared) return new WebAssembly.Memory({ initial });
  for (const maximum of [65536, 32768, 16384]) {
    try {
      return new WebAssembly.Memory({ initial, maximum, shared: true });
    } catch {
      // Try a smaller reservation.
    }
  }
  throw new NablaError('wasm', 'cannot create a shared wasm memory');
}

function defaultThreads(shared: boolean): number {
  if (!shared) return 1;
  const node = nodeBuiltins();
  if (node) return node.os.availableParallelism();
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return Math.max(1, cores ?? 1);
}

/**
 * Whether `createWasmBackend()` works here without arguments: WebAssembly SIMD validates and the
 * build file can be loaded synchronously (Node). In browsers, pass a module from
 * `loadWasmModule()` instead.
 */
export function isWasmAvailable(): boolean {
  try {
    return simdSupported() && compileWasmSync(sharedMemorySupported()) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Creates the wasm backend, synchronously.
 *
 * @example
 * const backend = createWasmBackend({ threads: 2 });
 * setBackend(backend);
 */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const shared = sharedMemorySupported();
  const module = options.module ?? compileWasmSync(shared);
  if (!module) {
    throw new NablaError('wasm', 'build/nabla.wasm is missing or SIMD is unsupported');
  }
  return new WasmBackend(module, shared, options);
}
