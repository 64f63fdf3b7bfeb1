import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Model } from '../models/index.js';
import { deserializeModel, serializeModel } from './index.js';
import { smallData, smallSequential, weightValues } from './test-utils/models.js';

/** Two copies of one untrained, compiled model (same weights, fresh optimizers). */
function twins(optimizer: string): [Model, Model] {
  const m = smallSequential(11);
  m.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const bytes = serializeModel(m);
  return [deserializeModel(bytes), deserializeModel(bytes)];
}

describe('resuming training from a saved model', () => {
  for (const optimizer of ['adam', 'rmsprop', 'sgd']) {
    it(`with ${optimizer}: matches an uninterrupted run step for step, bit for bit`, () => {
      const { x, y } = smallData();
      const batches = [0, 8, 16, 24].map(
        (at) => [x.slice([at], [at + 8]), y.slice([at], [at + 8])] as const,
      );
      const [straight, interrupted] = twins(optimizer);
      const straightLosses = Array.from(
        { length: 8 },
        (_, i) => straight.trainOnBatch(...batches[i % 4]!)[0],
      );
      const firstHalf = Array.from(
        { length: 4 },
        (_, i) => interrupted.trainOnBatch(...batches[i]!)[0],
      );
      const resumed = deserializeModel(serializeModel(interrupted));
      const secondHalf = Array.from(
        { length: 4 },
        (_, i) => resumed.trainOnBatch(...batches[i]!)[0],
      );
      assert.deepEqual([...firstHalf, ...secondHalf], straightLosses);
      assert.deepEqual(weightValues(resumed), weightValues(straight));
      assert.equal(resumed.optimizer!.iterations, 8);
    });
  }

  it('with fit: epochs 3-4 after a reload equal epochs 3-4 of one run', async () => {
    const { x, y } = smallData();
    const [straight, interrupted] = twins('adam');
    const options = { batchSize: 8, verbose: 0 as const, shuffle: false };
    const all = await straight.fit(x, y, { ...options, epochs: 4 });
    await interrupted.fit(x, y, { ...options, epochs: 2 });
    const resumed = deserializeModel(serializeModel(interrupted));
    const rest = await resumed.fit(x, y, { ...options, epochs: 4, initialEpoch: 2 });
    assert.deepEqual(rest.history['loss'], all.history['loss']!.slice(2));
    assert.deepEqual(rest.history['accuracy'], all.history['accuracy']!.slice(2));
    assert.deepEqual(weightValues(resumed), weightValues(straight));
  });

  it('differs without the optimizer state (so the test above can fail)', () => {
    const { x, y } = smallData();
    const [straight, interrupted] = twins('adam');
    for (let i = 0; i < 4; i++) straight.trainOnBatch(x, y);
    for (let i = 0; i < 2; i++) interrupted.trainOnBatch(x, y);
    const cold = deserializeModel(serializeModel(interrupted, { includeOptimizer: false }));
    for (let i = 0; i < 2; i++) cold.trainOnBatch(x, y);
    assert.notDeepEqual(weightValues(cold), weightValues(straight));
  });
});
