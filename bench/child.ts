/**
 * Runs one job (one workload on one JavaScript framework) in its own process, so frameworks do
 * not share a heap, a JIT or idle worker threads:
 *   node --import tsx bench/child.ts <job.json>
 * Writes a `Measurement[]` to `job.resultPath`; the runner spawns it (see `run.ts`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { NotAvailable, type Adapter } from './adapter.js';
import { loadFashion, type FashionArrays } from './fixture.js';
import { benchGemm, gemmCaseName } from './gemm.js';
import { benchInference, INFER_BATCH } from './mlp-inference.js';
import { benchMlpEpoch } from './mlp.js';
import { nablaAdapter } from './nabla.js';
import { tfjsAdapter } from './peers/tfjs.js';
import { notAvailable, type Job, type Measurement } from './result.js';

async function adapterFor(job: Job): Promise<Adapter> {
  switch (job.framework) {
    case 'nabla-wasm':
      return nablaAdapter('wasm');
    case 'nabla-cpu':
      return nablaAdapter('cpu');
    case 'tfjs-cpu':
      return tfjsAdapter('cpu');
    case 'tfjs-wasm':
      return tfjsAdapter('wasm');
    case 'torch':
      throw new Error('PyTorch runs in peers/torch_bench.py, not in a Node child');
  }
}

/** The rows a job would have produced, as "n/a" with `reason`. */
function unavailableRows(job: Job, reason: string): Measurement[] {
  switch (job.workload) {
    case 'gemm':
      return job.gemmSizes.map((n) => notAvailable(job, gemmCaseName(n), 'GFLOP/s', reason));
    case 'mlp':
      return [notAvailable(job, 'epoch', 's/epoch', reason)];
    case 'infer':
      return [notAvailable(job, `batch ${INFER_BATCH}`, 'samples/s', reason)];
  }
}

async function runJob(job: Job): Promise<Measurement[]> {
  const adapter = await adapterFor(job);
  if (job.workload === 'gemm') return benchGemm(adapter, job);
  const data: FashionArrays = await loadFashion(job.dataDir);
  if (job.workload === 'mlp') return benchMlpEpoch(adapter, job, data);
  return benchInference(adapter, job, data);
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job;
let rows: Measurement[];
try {
  rows = await runJob(job);
} catch (err) {
  // A missing piece is "n/a"; anything else is a failure worth its first line in the table.
  const e = err as Error;
  const reason = e instanceof NotAvailable ? e.message : `failed: ${e.message.split('\n')[0]}`;
  if (!(e instanceof NotAvailable)) console.error(e.stack);
  rows = unavailableRows(job, reason);
}
writeFileSync(job.resultPath, JSON.stringify(rows, null, 2));
// Worker threads (nabla's pool) would keep the process alive.
process.exit(0);
