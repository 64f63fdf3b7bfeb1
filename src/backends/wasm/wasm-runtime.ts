import { BYTES_PER_ELEMENT, type DType, type TypedArray } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import { WasmHeap, type MemoryStats } from './heap.js';
import { PARALLEL_KERNELS, type ParallelKernel, type WasmExports } from './loader.js';
import { ThreadPool, type KernelFn } from './thread-pool.js';
import { addressOf, makeView, WasmBuffer } from './wasm-buffer.js';

/** Thread settings of a `WasmBackend`. */
export interface WasmThreadOptions {
  /** Threads including the caller's (default 1 here; `createWasmBackend` defaults to the cores). */
  readonly threads?: number;
  /** How long an idle worker spins before it sleeps, in ms (default 2). */
  readonly spinMs?: number;
  /**
   * Whether a task size that ran slower on threads than it would have alone (the other cores
   * busy with other processes) falls back to the calling thread for a while (default true).
   */
  readonly adaptive?: boolean;
}

const KERNEL_ID = new Map<ParallelKernel, number>(PARALLEL_KERNELS.map((name, i) => [name, i]));
/** Reserved bytes at the bottom of the memory: address 0 stays unused. */
const HEAP_BASE = 1024;
/** Bytes of the parameter block for kernels with long argument lists. */
const PARAMS_BYTES = 256;
/** Elements per call of a flat kernel on the calling thread. */
const FLAT_SLICE = 1 << 16;
/** Tasks a size class first stays on the calling thread after threads made it slower. */
const BACKOFF_TASKS = 64;
const MAX_BACKOFF_TASKS = 4096;

/** Back-off state of one (kernel, size) class: serial until task number `until`. */
interface Backoff {
  until: number;
  length: number;
}

/**
 * What the wasm kernels run on: the instance and its memory, the buffer heap, each thread's
 * scratch block, and the worker pool that `exec` splits work over.
 */
export class WasmRuntime {
  readonly wasm: WasmExports;
  /** Address of the parameter block (one task runs at a time, so one block serves all). */
  readonly paramsPtr: number;
  private readonly heap: WasmHeap;
  private readonly fns: KernelFn[];
  private readonly pool: ThreadPool | null;
  /** Scratch block of each thread; index 0 is the caller's. */
  private readonly scratch: number[] = [];
  private readonly scratchBytes: number;
  private paramsView = new Int32Array(0);
  private threadCount = 1;
  /** Parallel tasks so far, the clock of the back-off. */
  private tasks = 0;
  private readonly backoff = new Map<number, Backoff>();
  private readonly adaptive: boolean;

  constructor(
    module: WebAssembly.Module,
    readonly memory: WebAssembly.Memory,
    options: WasmThreadOptions = {},
  ) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.wasm = instance.exports as unknown as WasmExports;
    this.fns = PARALLEL_KERNELS.map((name) => this.wasm[name] as KernelFn);
    this.heap = new WasmHeap(memory, this.wasm.zeroBytes, HEAP_BASE);
    this.paramsPtr = this.heap.alloc(PARAMS_BYTES);
    this.scratchBytes = this.wasm.gemmScratchBytes() + 256;
    this.scratch.push(this.heap.alloc(this.scratchBytes));
    const spinMs = options.spinMs ?? 2;
    this.adaptive = options.adaptive ?? true;
    const shared = memory.buffer instanceof SharedArrayBuffer;
    this.pool = shared
      ? new ThreadPool((index, control) => ({
          module,
          memory,
          control,
          kernels: PARALLEL_KERNELS,
          scratch: this.scratchFor(index),
          spinMs,
        }))
      : null;
    this.setThreads(options.threads ?? 1);
  }

  get threads(): number {
    return this.threadCount;
  }

  setThreads(n: number): void {
    if (!Number.isInteger(n) || n < 1) {
      throw new NablaError('setThreads', `expected a positive integer, got ${n}`);
    }
    this.threadCount = this.pool ? n : 1;
    this.pool?.ensure(this.threadCount - 1);
  }

  get workerChunks(): number {
    return this.pool?.workerChunks ?? 0;
  }

  memoryStats(): MemoryStats {
    return this.heap.stats();
  }

  dispose(): void {
    this.pool?.terminate();
    this.threadCount = 1;
  }

  alloc(dtype: DType, size: number): WasmBuffer {
    const bytes = size * BYTES_PER_ELEMENT[dtype];
    return new WasmBuffer(dtype, size, bytes === 0 ? 0 : this.heap.alloc(bytes), bytes);
  }

  free(b: WasmBuffer): void {
    // A second free (say, dispose and then a finalizer) is harmless.
    if (b.freed) return;
    b.freed = true;
    b.cachedView = null;
    if (b.bytes > 0) this.heap.release(b.ptr, b.bytes);
  }

  view(b: WasmBuffer): TypedArray {
    // Views are cached per buffer and rebuilt when the memory has grown (a new SharedArrayBuffer).
    const memory = this.memory.buffer;
    if (b.cachedOn !== memory || b.cachedView === null) {
      addressOf(b);
      b.cachedView = makeView(b.dtype, memory, b.ptr, b.size);
      b.cachedOn = memory;
    }
    return b.cachedView;
  }

  /** The parameter block as int32 words, on the current memory buffer. */
  params(): Int32Array {
    if (this.paramsView.buffer !== this.memory.buffer) {
      this.paramsView = new Int32Array(this.memory.buffer, this.paramsPtr, PARAMS_BYTES / 4);
    }
    return this.paramsView;
  }

  /**
   * Runs `kernel(lo, hi, scratch, ...args)` over work units `[0, units)`: on the calling thread
   * when `chunksPerThread` is 0 (or there is one thread), else cut into that many chunks per
   * thread, each a multiple of `grain` units. Several chunks per thread let the others take over
   * the work of a thread the OS has descheduled (another process on the core): with one chunk
   * each, the task would wait for the slow half.
   */
  exec(
    kernel: ParallelKernel,
    units: number,
    chunksPerThread: number,
    grain: number,
    args: number[],
  ): void {
    if (units <= 0) return;
    const id = KERNEL_ID.get(kernel)!;
    const fn = this.fns[id]!;
    const wanted = this.threadCount > 1 ? this.threadCount * chunksPerThread : 0;
    const chunks = Math.min(wanted, Math.ceil(units / grain));
    if (chunks <= 1 || this.pool === null) {
      // Long flat kernels go in slices: V8 first runs wasm in its baseline tier (10-30× slower
      // for SIMD) and switches to optimized code only between calls.
      const slice = grain > 1 ? FLAT_SLICE : units;
      for (let lo = 0; lo < units; lo += slice) {
        fn(lo, Math.min(lo + slice, units), this.scratch[0]!, ...args);
      }
      return;
    }
    this.runParallel(id, fn, units, chunks, grain, args);
  }

  /**
   * Splits a task over the threads unless that recently made tasks of its kernel and size slower:
   * on a machine whose other core is busy, a worker can be descheduled for milliseconds while
   * the caller waits on its chunk. Such a size class then runs on the calling thread for a while
   * (longer after each repeat) before threads are tried again. Results never depend on it.
   */
  private runParallel(
    id: number,
    fn: KernelFn,
    units: number,
    chunks: number,
    grain: number,
    args: number[],
  ): void {
    const pool = this.pool!;
    const key = id * 64 + Math.floor(Math.log2(units));
    const state = this.backoff.get(key);
    this.tasks++;
    if (state && this.tasks < state.until) {
      fn(0, units, this.scratch[0]!, ...args);
      return;
    }
    pool.run(id, fn, this.scratch[0]!, units, chunks, grain, args);
    if (!this.adaptive) return;
    // Serial would have taken about own × threads; parallel took own + stall.
    const lost = pool.lastStallMs > pool.lastOwnMs * (this.threadCount - 1);
    if (lost) {
      const length = Math.min(state ? state.length * 2 : BACKOFF_TASKS, MAX_BACKOFF_TASKS);
      this.backoff.set(key, { until: this.tasks + length, length });
    } else if (state) {
      this.backoff.delete(key);
    }
  }

  private scratchFor(index: number): number {
    while (this.scratch.length <= index) this.scratch.push(this.heap.alloc(this.scratchBytes));
    return this.scratch[index]!;
  }
}
