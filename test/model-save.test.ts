/** `model.save(path)` from the public API, as the article's code sample uses it. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import * as nb from 'nabla';

it('model.save writes a file that nb.loadModel reads back to identical predictions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nabla-save-'));
  try {
    nb.setSeed(3);
    const model = nb.sequential([
      nb.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }),
      nb.layers.dense({ units: 3, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const x = nb.randomNormal([16, 4], { seed: 1 });
    const y = nb.oneHot(nb.tensor(Int32Array.from({ length: 16 }, (_, i) => i % 3)), 3);
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const path = join(dir, 'model.nabla');
    await model.save(path);
    const loaded = await nb.loadModel(path);
    const a = (model.predict(x) as nb.Tensor).dataSync();
    const b = (loaded.predict(x) as nb.Tensor).dataSync();
    assert.deepEqual(Array.from(b), Array.from(a));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
