/**
 * Workload (a): a square float32 matrix product, `C = A·B` with `A, B` of `n×n`, reported in
 * GFLOP/s (2n³ floating-point operations per product). Operands are created once; each timed
 * round runs as many products as fill about `roundMs`, after a warm-up round.
 */
import type { Adapter } from './adapter.js';
import type { Job, Measurement } from './result.js';
import { calibrate, median, timeRounds } from './stats.js';

/** The case name of size `n`, e.g. `'1024³'`. */
export function gemmCaseName(n: number): string {
  return `${n}³`;
}

/** Times `n×n·n×n` products on one framework, for each size of the job. */
export async function benchGemm(adapter: Adapter, job: Job): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const n of job.gemmSizes) {
    const gemm = await adapter.gemm(n);
    try {
      const run = (): void => gemm.run();
      const flush = (): void => gemm.flush?.();
      const calls = await calibrate(run, job.roundMs);
      await timeRounds(run, calls, 1, flush);
      const msPerCall = await timeRounds(run, calls, job.rounds, flush);
      const flops = 2 * n * n * n;
      const runs = msPerCall.map((ms) => flops / ms / 1e6);
      out.push({
        workload: 'gemm',
        case: gemmCaseName(n),
        framework: adapter.id,
        unit: 'GFLOP/s',
        higherIsBetter: true,
        runs,
        median: median(runs),
        info: `${adapter.describe()}; ${calls} products per round`,
      });
    } finally {
      gemm.dispose();
    }
  }
  return out;
}
