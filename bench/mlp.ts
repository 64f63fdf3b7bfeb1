/**
 * Workload (b): one training epoch of the MLP on Fashion-MNIST — 784 → dense 128 relu → dense
 * 10 softmax, Adam (learning rate 1e-3, epsilon 1e-7), categorical cross-entropy, batch 32 —
 * reported in seconds per 60,000-sample epoch, with the test accuracy after it. Every run starts
 * from the same initial weights with a fresh optimizer; run `r` sees the training set in the
 * order `permutation(60000, orderSeed(r))` in every framework (pre-shuffled, then trained with
 * shuffling off), so the frameworks differ only in their arithmetic.
 */
import { join } from 'node:path';
import type { Adapter } from './adapter.js';
import {
  accuracy,
  oneHot,
  orderSeed,
  permutation,
  readWeights,
  reorder,
  type FashionArrays,
} from './fixture.js';
import type { Job, Measurement } from './result.js';
import { median, now } from './stats.js';

/** Samples in a full epoch. */
export const EPOCH_SAMPLES = 60_000;

/** Samples of the untimed warm-up epoch that runs before the timed ones. */
const WARM_UP_SAMPLES = 32 * 50;

/** Times `job.epochRuns` epochs on one framework. */
export async function benchMlpEpoch(
  adapter: Adapter,
  job: Job,
  data: FashionArrays,
): Promise<Measurement[]> {
  const weights = readWeights(join(job.fixtureDir, 'weights.bin'));
  const count = Math.min(job.epochSamples, EPOCH_SAMPLES);
  const warm = await adapter.mlp(weights);
  try {
    const { x, y } = reorder(data, permutation(EPOCH_SAMPLES, orderSeed(-1)), WARM_UP_SAMPLES);
    warm.setTrainData(x, oneHot(y), WARM_UP_SAMPLES);
    await warm.fitEpoch();
  } finally {
    warm.dispose();
  }

  const seconds: number[] = [];
  const accuracies: number[] = [];
  for (let run = 0; run < job.epochRuns; run++) {
    const { x, y } = reorder(data, permutation(EPOCH_SAMPLES, orderSeed(run)), count);
    const model = await adapter.mlp(weights);
    try {
      model.setTrainData(x, oneHot(y), count);
      const start = now();
      await model.fitEpoch();
      seconds.push((now() - start) / 1000);
      model.setPredictData(data.testX, data.testY.length);
      accuracies.push(accuracy(await model.predict(256), data.testY));
    } finally {
      model.dispose();
    }
  }
  const scale = EPOCH_SAMPLES / count;
  const runs = seconds.map((s) => s * scale);
  return [
    {
      workload: 'mlp',
      case: 'epoch',
      framework: adapter.id,
      unit: 's/epoch',
      higherIsBetter: false,
      runs,
      median: median(runs),
      accuracy: accuracies,
      info: adapter.describe(),
      ...(count < EPOCH_SAMPLES ? { note: subsetNote(count) } : {}),
    },
  ];
}

/** How a subset epoch was turned into an epoch time, for the table's notes. */
export function subsetNote(count: number): string {
  const scale = EPOCH_SAMPLES / count;
  const n = count.toLocaleString('en-US');
  return (
    `timed on ${n} samples (the first of each run's order) and scaled ×${scale.toFixed(2)}; ` +
    `accuracy is after those ${n} samples only`
  );
}
