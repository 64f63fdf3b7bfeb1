import { NablaError } from '../../core/errors.js';
import { nodeBuiltins } from './loader.js';
import {
  ARGS_OFFSET,
  CONTROL_BYTES,
  CTL,
  WORKER_SOURCE,
  type WorkerInit,
} from './worker-source.js';

/** A kernel entry on the calling thread: `(lo, hi, scratch, ...args)`. */
export type KernelFn = (...args: number[]) => void;

interface WorkerHandle {
  terminate(): void;
}

/** How long the caller spins on unfinished chunks before sleeping in `Atomics.wait`. */
const CALLER_SPIN_MS = 0.5;

/**
 * A pool of worker threads sharing the wasm memory. A task is a kernel over `units` work units cut
 * into chunks; the caller and the workers claim chunks from one atomic ticket, so a worker that
 * is slow to wake (or still starting) only means the caller runs more chunks itself. Which thread
 * runs a chunk never changes its result.
 */
export class ThreadPool {
  private readonly control = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly ctl = new Int32Array(this.control);
  private readonly args = new Float64Array(this.control, ARGS_OFFSET, 8);
  private readonly workers: WorkerHandle[] = [];
  private generation = 0;
  /** The caller's time on its own chunks in the last `run`, in ms. */
  lastOwnMs = 0;
  /** The caller's wait for the other threads' chunks after its own, in the last `run`, in ms. */
  lastStallMs = 0;
  /** Browsers forbid `Atomics.wait` on the main thread; there the caller only spins. */
  private readonly canBlock: boolean;

  /**
   * @param makeInit start-up data of worker `index` (1-based: thread 0 is the caller); the pool
   *   owns the control block and fills it in.
   */
  constructor(
    private readonly makeInit: (index: number, control: SharedArrayBuffer) => WorkerInit,
  ) {
    this.ctl[CTL.ticket] = -1;
    let canBlock = true;
    try {
      Atomics.wait(this.ctl, CTL.error, 1, 0);
    } catch {
      canBlock = false;
    }
    this.canBlock = canBlock;
  }

  /** Number of worker threads (the caller is one more thread). */
  get size(): number {
    return this.workers.length;
  }

  /** Chunks the workers have run so far. */
  get workerChunks(): number {
    return Atomics.load(this.ctl, CTL.workerChunks);
  }

  /**
   * Starts workers until there are at least `count`. Extra workers are kept: a task is cut into as
   * many chunks as the threads wanted, so at most that many threads work on it, and an idle
   * worker sleeps after a short spin.
   */
  ensure(count: number): void {
    while (this.workers.length < count) {
      const init = this.makeInit(this.workers.length + 1, this.control);
      this.workers.push(startWorker(init));
    }
  }

  /**
   * Runs `fn` (id `kernel` on the workers) over units `[0, units)` in `chunks` pieces of a
   * multiple of `grain` units, with the caller taking part, and returns when all are done.
   */
  run(
    kernel: number,
    fn: KernelFn,
    scratch: number,
    units: number,
    chunks: number,
    grain: number,
    args: readonly number[],
  ): void {
    const per = Math.ceil(units / chunks / grain) * grain;
    const count = Math.ceil(units / per);
    const ctl = this.ctl;
    ctl[CTL.kernel] = kernel;
    ctl[CTL.units] = units;
    ctl[CTL.per] = per;
    for (let i = 0; i < 8; i++) this.args[i] = args[i] ?? 0;
    Atomics.store(ctl, CTL.chunks, count);
    Atomics.store(ctl, CTL.done, 0);
    // The generation in the ticket keeps a late worker from claiming a chunk of a finished task.
    this.generation = (this.generation % 0x7fff) + 1;
    Atomics.store(ctl, CTL.ticket, this.generation << 16);
    Atomics.add(ctl, CTL.wake, 1);
    if (Atomics.load(ctl, CTL.sleepers) > 0) Atomics.notify(ctl, CTL.wake);
    let failure: unknown;
    const start = performance.now();
    try {
      for (;;) {
        const t = Atomics.load(ctl, CTL.ticket);
        const chunk = t & 0xffff;
        if (chunk >= count) break;
        if (Atomics.compareExchange(ctl, CTL.ticket, t, t + 1) !== t) continue;
        const lo = chunk * per;
        try {
          fn(lo, Math.min(lo + per, units), scratch, ...args);
        } catch (e) {
          failure ??= e;
        }
        Atomics.add(ctl, CTL.done, 1);
      }
      const own = performance.now();
      this.waitForChunks(count);
      this.lastOwnMs = own - start;
      this.lastStallMs = performance.now() - own;
    } finally {
      Atomics.store(ctl, CTL.ticket, -1);
    }
    if (failure !== undefined) throw failure;
    if (ctl[CTL.error] !== 0) {
      ctl[CTL.error] = 0;
      throw new NablaError('wasm', 'a kernel failed on a worker thread');
    }
  }

  /** Stops every worker. */
  terminate(): void {
    while (this.workers.length > 0) this.workers.pop()!.terminate();
  }

  private waitForChunks(count: number): void {
    const ctl = this.ctl;
    let deadline = 0;
    for (let spins = 1; ; spins++) {
      const done = Atomics.load(ctl, CTL.done);
      if (done >= count) return;
      if ((spins & 255) !== 0) continue;
      const now = performance.now();
      if (deadline === 0) deadline = now + CALLER_SPIN_MS;
      else if (now > deadline && this.canBlock) Atomics.wait(ctl, CTL.done, done, 10);
    }
  }
}

/** Starts one worker: `worker_threads` in Node, a Blob-URL Worker in browsers. */
function startWorker(init: WorkerInit): WorkerHandle {
  const node = nodeBuiltins();
  if (node) {
    const worker = new node.workerThreads.Worker(WORKER_SOURCE, { eval: true, workerData: init });
    // A dead worker claims no chunks, so the caller simply does its share.
    worker.on('error', () => undefined);
    // Idle workers must not keep a finished script alive.
    worker.unref();
    return worker;
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url);
  worker.postMessage(init);
  return worker;
}
