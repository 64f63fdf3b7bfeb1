import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { softmax } from './softmax.js';

const f64 = (v: unknown): Tensor => tensor(v as number[], { dtype: 'float64' });

describe('Softmax', () => {
  it('passes the harness over the last axis, a middle axis and two axes', () => {
    checkLayer({ make: softmax, config: {}, inputShape: [2, 4], expectedParams: 0 });
    checkLayer({ make: softmax, config: { axis: 1 }, inputShape: [2, 3, 2] });
    checkLayer({ make: softmax, config: { axis: [1, 2] }, inputShape: [2, 2, 3] });
  });
  it('matches PyTorch, plain and over two axes', () => {
    const f = layerFixture('softmax');
    assertClose((softmax().apply(f64(f['x'])) as Tensor).dataSync(), flat(f['plain']), 1e-12);
    const g = layerFixture('softmax_axes');
    assertClose(
      (softmax({ axis: [1, 2] }).apply(f64(g['x'])) as Tensor).dataSync(),
      flat(g['out']),
      1e-12,
    );
  });
  it('a mask gives masked positions probability 0, and fully masked rows all zeros', () => {
    const f = layerFixture('softmax');
    const mask = tensor(f['mask'] as number[][], { dtype: 'bool' });
    const out = softmax().apply(f64(f['x']), { mask }) as Tensor;
    assertClose(out.dataSync(), flat(f['masked']), 1e-12);
    assert.deepEqual((out.arraySync() as number[][])[1], [0, 0, 0, 0, 0]);
  });
  it('a lower-rank sequence mask zeroes whole time steps', () => {
    const x = tensor([[[1, 2], [3, 4], [5, 6]]]);
    const mask = tensor([[true, false, true]]);
    const out = (softmax().apply(x, { mask }) as Tensor).arraySync() as number[][][];
    assert.deepEqual(out[0]![1], [0, 0]);
    assertClose(out[0]![0]!, [1 / (1 + Math.E), Math.E / (1 + Math.E)], 1e-6);
  });
  it('rejects bad axes and round-trips axis lists', () => {
    assert.throws(() => softmax({ axis: [] }), /axis must be/);
    assert.deepEqual(softmax({ axis: [1, 2] }).getConfig()['axis'], [1, 2]);
  });
});
