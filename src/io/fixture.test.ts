import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../tensor/index.js';
import { deserializeModel } from './index.js';

const dir = new URL('../../test/fixtures/io/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('model-v1.json', dir), 'utf8')) as {
  formatVersion: number;
  input: number[][];
  predictions: number[][];
  weights: { name: string; values: number[] }[];
  iterations: number;
  metricsNames: string[];
};

describe('model files of format version 1 (test/fixtures/io/model-v1.nabla)', () => {
  const bytes = new Uint8Array(readFileSync(new URL('model-v1.nabla', dir)));

  it('is a version-1 file', () => {
    assert.equal(
      new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true),
      expected.formatVersion,
    );
  });

  it('still loads: the same weights bit for bit, compiled, with its optimizer state', () => {
    const model = deserializeModel(bytes, { source: 'model-v1.nabla' });
    assert.deepEqual(
      model.weights.map((w) => ({ name: w.value.name, values: Array.from(w.value.dataSync()) })),
      expected.weights,
    );
    assert.equal(model.optimizer!.className, 'Adam');
    assert.equal(model.optimizer!.iterations, expected.iterations);
    assert.deepEqual(model.metricsNames, expected.metricsNames);
    const predictions = (model.predict(tensor(expected.input)) as Tensor).arraySync() as number[][];
    predictions
      .flat()
      .forEach((p, i) =>
        assert.ok(Math.abs(p - expected.predictions.flat()[i]!) < 1e-6, `prediction ${i}`),
      );
  });
});
