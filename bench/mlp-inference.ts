/**
 * Workload (c): inference throughput of the MLP — class probabilities of the 10,000 Fashion-MNIST
 * test images in batches of 256 — reported in samples per second. The model holds the initial
 * weights (throughput does not depend on their values); each round predicts the whole test set
 * and reads the probabilities back, after one warm-up round.
 */
import { join } from 'node:path';
import type { Adapter } from './adapter.js';
import { readWeights, type FashionArrays } from './fixture.js';
import type { Job, Measurement } from './result.js';
import { median, timeRounds } from './stats.js';

/** Batch size of the inference workload. */
export const INFER_BATCH = 256;

/** Times `job.rounds` passes over the test set on one framework. */
export async function benchInference(
  adapter: Adapter,
  job: Job,
  data: FashionArrays,
): Promise<Measurement[]> {
  const model = await adapter.mlp(readWeights(join(job.fixtureDir, 'weights.bin')));
  try {
    const count = data.testY.length;
    model.setPredictData(data.testX, count);
    const pass = (): Promise<Float32Array> => model.predict(INFER_BATCH);
    await timeRounds(pass, 1, 1);
    const msPerPass = await timeRounds(pass, 1, job.rounds);
    const runs = msPerPass.map((ms) => count / (ms / 1000));
    return [
      {
        workload: 'infer',
        case: `batch ${INFER_BATCH}`,
        framework: adapter.id,
        unit: 'samples/s',
        higherIsBetter: true,
        runs,
        median: median(runs),
        info: adapter.describe(),
      },
    ];
  } finally {
    model.dispose();
  }
}
