import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import type { SymbolicTensor } from '../symbolic.js';
import { embedding } from './embedding.js';
import { input } from './input-layer.js';

describe('Embedding', () => {
  it('passes the harness with int32 ids (gradients for the table only)', () => {
    const ids = tensor(
      [
        [0, 3, 3],
        [4, 1, 0],
      ],
      { dtype: 'int32' },
    );
    const r = checkLayer({
      make: embedding,
      config: { inputDim: 5, outputDim: 2 },
      inputShape: [2, 3],
      inputs: ids,
      expectedOutputShape: [2, 3, 2],
      expectedParams: 10,
    });
    assert.equal(r.gradientsChecked, 10);
  });
  it('matches PyTorch F.embedding', () => {
    const f = layerFixture('embedding');
    const layer = embedding({ inputDim: 6, outputDim: 3 });
    layer.apply(tensor([[0]], { dtype: 'int32' }));
    layer.setWeights([tensor(f['table'] as number[][])]);
    const out = layer.apply(tensor(f['ids'] as number[][], { dtype: 'int32' })) as Tensor;
    assert.deepEqual(out.shape, [2, 3, 3]);
    assertClose(out.dataSync(), flat(f['out']), 1e-6);
  });
  it('accepts integral float ids; the table gradient accumulates repeated ids', () => {
    const layer = embedding({ inputDim: 3, outputDim: 2, embeddingsInitializer: 'ones' });
    (layer.apply(tensor([[2, 2, 0]])) as Tensor).sum().backward();
    assert.deepEqual(layer.embeddings!.grad!.arraySync(), [
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
  });
  it('defaults to U(−0.05, 0.05), masks zeros with maskZero, and rejects out-of-range ids', () => {
    const layer = embedding({ inputDim: 50, outputDim: 4, maskZero: true });
    const ids = tensor([[0, 7, 0]], { dtype: 'int32' });
    layer.apply(ids);
    assert.ok(layer.embeddings!.dataSync().every((v) => Math.abs(v) <= 0.05));
    assert.deepEqual(layer.computeMask(ids)!.arraySync(), [[false, true, false]]);
    assert.equal(embedding({ inputDim: 2, outputDim: 2 }).computeMask(ids), null);
    assert.throws(() => layer.apply(tensor([[50]], { dtype: 'int32' })), /out of range/);
  });
  it('gives float outputs for int placeholders', () => {
    const out = embedding({ inputDim: 10, outputDim: 8 }).apply(
      input({ shape: [5], dtype: 'int32' }),
    ) as SymbolicTensor;
    assert.deepEqual(out.shape, [null, 5, 8]);
    assert.equal(out.dtype, 'float32');
  });
  it('validates its dimensions', () => {
    assert.throws(
      () => embedding({ inputDim: 0, outputDim: 2 }),
      /inputDim must be a positive integer/,
    );
    assert.throws(() => embedding({ inputDim: 2, outputDim: 1.5 }), /outputDim/);
  });
});
