/**
 * The worker side of the thread pool, as source text: Node runs it with `new Worker(src,
 * { eval: true })` and browsers from a Blob URL, so no worker file has to be located on disk or
 * by a bundler. Each worker instantiates the kernel module on the shared memory and then loops:
 * spin briefly for a new task, sleep on a futex when none comes, and claim chunks of the task
 * until none are left.
 */

/** Int32 slots of the control block shared by the caller and the workers. */
export const CTL = {
  /** `generation << 16 | next chunk`, or -1 while no task is open. */
  ticket: 0,
  /** Chunks finished in the current task. */
  done: 1,
  /** Bumped for every task; sleeping workers wait on it. */
  wake: 2,
  chunks: 3,
  units: 4,
  kernel: 5,
  /** Workers currently asleep in `Atomics.wait`, so the caller can skip `notify`. */
  sleepers: 6,
  /** Set by a worker whose kernel threw. */
  error: 7,
  /** Units per chunk. */
  per: 8,
  /** Chunks run by workers since start-up (a statistic: proves the workers take part). */
  workerChunks: 9,
} as const;

/** Byte offset of the kernel arguments (8 float64) in the control block. */
export const ARGS_OFFSET = 64;
/** Size of the control block in bytes. */
export const CONTROL_BYTES = ARGS_OFFSET + 8 * 8;

/** Data each worker receives at start-up. */
export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly kernels: readonly string[];
  readonly scratch: number;
  /** How long to spin for the next task before sleeping. */
  readonly spinMs: number;
}

export const WORKER_SOURCE = `'use strict';
const C = ${JSON.stringify(CTL)};
function run(init) {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const fns = init.kernels.map((name) => instance.exports[name]);
  const ctl = new Int32Array(init.control);
  const args = new Float64Array(init.control, ${ARGS_OFFSET}, 8);
  const scratch = init.scratch;
  let seen = Atomics.load(ctl, C.wake);
  for (;;) {
    let spins = 0;
    let deadline = 0;
    while (Atomics.load(ctl, C.wake) === seen) {
      if ((++spins & 1023) !== 0) continue;
      const now = performance.now();
      if (deadline === 0) deadline = now + init.spinMs;
      else if (now > deadline) {
        Atomics.add(ctl, C.sleepers, 1);
        Atomics.wait(ctl, C.wake, seen);
        Atomics.sub(ctl, C.sleepers, 1);
        deadline = 0;
      }
    }
    seen = Atomics.load(ctl, C.wake);
    for (;;) {
      const t = Atomics.load(ctl, C.ticket);
      if (t < 0) break;
      const chunks = Atomics.load(ctl, C.chunks);
      if ((t & 0xffff) >= chunks) break;
      // Owning a chunk of this generation keeps the caller from moving on, so the task's
      // arguments read below cannot change under us.
      if (Atomics.compareExchange(ctl, C.ticket, t, t + 1) !== t) continue;
      const per = ctl[C.per];
      const lo = (t & 0xffff) * per;
      const hi = Math.min(lo + per, ctl[C.units]);
      try {
        fns[ctl[C.kernel]](lo, hi, scratch, args[0], args[1], args[2], args[3], args[4],
          args[5], args[6], args[7]);
      } catch (e) {
        Atomics.store(ctl, C.error, 1);
      }
      Atomics.add(ctl, C.workerChunks, 1);
      if (Atomics.add(ctl, C.done, 1) + 1 === chunks) Atomics.notify(ctl, C.done);
    }
  }
}
if (typeof process !== 'undefined' && process.versions && process.versions.node) {
  run(require('node:worker_threads').workerData);
} else {
  self.onmessage = (event) => run(event.data);
}
`;
