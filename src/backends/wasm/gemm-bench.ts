/**
 * GEMM throughput of the wasm backend for 1 and 2 threads:
 *   node --import tsx src/backends/wasm/gemm-bench.ts [--quick]
 * Prints the best of several timed runs (GFLOP/s, and microseconds per call) after a warm-up,
 * for square sizes and the MLP's forward and backward shapes.
 */
import type { BackendBuffer, MatmulSpec } from '../../backend/backend.js';
import { createWasmBackend } from './create-wasm-backend.js';

const backend = createWasmBackend();
const quick = process.argv.includes('--quick');

interface Case {
  readonly label: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA?: boolean;
  readonly transB?: boolean;
}

const CASES: Case[] = [
  { label: '256³', m: 256, n: 256, k: 256 },
  { label: '1024³', m: 1024, n: 1024, k: 1024 },
  { label: 'MLP fwd [32,784]@[784,128]', m: 32, n: 128, k: 784 },
  { label: 'MLP dW1 [32,784]ᵀ@[32,128]', m: 784, n: 128, k: 32, transA: true },
  { label: 'MLP dX1 [32,128]@[784,128]ᵀ', m: 32, n: 784, k: 128, transB: true },
  { label: 'MLP fwd [32,128]@[128,10]', m: 32, n: 10, k: 128 },
  { label: 'MLP dW2 [32,128]ᵀ@[32,10]', m: 128, n: 10, k: 32, transA: true },
];

function randomBuffer(size: number): BackendBuffer {
  const buffer = backend.alloc('float32', size);
  const view = backend.view(buffer);
  for (let i = 0; i < size; i++) view[i] = Math.random() - 0.5;
  return buffer;
}

/** Best time per call in ms over `rounds` rounds of enough calls to last ~50 ms each. */
function time(run: () => void, flops: number, rounds: number): number {
  const calls = Math.max(1, Math.round(5e9 / 100 / flops));
  for (let i = 0; i < calls; i++) run();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    best = Math.min(best, (performance.now() - start) / calls);
  }
  return best;
}

/** Lets the workers start before anything is timed. */
async function warmUp(): Promise<void> {
  const x = randomBuffer(1 << 20);
  const deadline = Date.now() + 5000;
  while (backend.threadStats().workerChunks === 0 && Date.now() < deadline) {
    backend.unary('exp', x, x);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  backend.free(x);
}

await warmUp();
const threadCounts = [1, 2];
console.log(`wasm GEMM, float32, best of ${quick ? 3 : 7} rounds`);
const headers = threadCounts.map((t) => `${t} thread${t > 1 ? 's' : ''}`.padStart(24));
console.log(['shape'.padEnd(30), ...headers].join(''));
for (const c of CASES) {
  const spec: MatmulSpec = {
    batch: 1,
    m: c.m,
    n: c.n,
    k: c.k,
    transA: c.transA ?? false,
    transB: c.transB ?? false,
    aBatchStride: 0,
    bBatchStride: 0,
  };
  const a = randomBuffer(c.m * c.k);
  const b = randomBuffer(c.k * c.n);
  const out = backend.alloc('float32', c.m * c.n);
  const flops = 2 * c.m * c.n * c.k;
  const cells = threadCounts.map((threads) => {
    backend.setThreads(threads);
    const ms = time(() => backend.matmul(a, b, out, spec), flops, quick ? 3 : 7);
    return `${(flops / ms / 1e6).toFixed(1)} GFLOP/s ${(ms * 1000).toFixed(0).padStart(6)} µs`;
  });
  console.log([c.label.padEnd(30), ...cells.map((s) => s.padStart(24))].join(''));
  for (const buffer of [a, b, out]) backend.free(buffer);
}
backend.dispose();
