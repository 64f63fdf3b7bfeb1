import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arange, type Tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { input } from './input-layer.js';
import { flatten } from './flatten.js';
import type { SymbolicTensor } from '../symbolic.js';

describe('Flatten', () => {
  it('passes the harness', () => {
    checkLayer({
      make: flatten,
      config: {},
      inputShape: [2, 3, 4, 2],
      expectedOutputShape: [2, 24],
      expectedParams: 0,
    });
    checkLayer({
      make: flatten,
      config: { dataFormat: 'channelsFirst' },
      inputShape: [2, 3, 2, 2],
      expectedOutputShape: [2, 12],
    });
  });
  it('keeps row-major order; channelsFirst moves channels last first', () => {
    const x = arange(12, undefined, 1, { dtype: 'float32' }).reshape([1, 2, 3, 2]);
    assert.deepEqual((flatten().apply(x) as Tensor).arraySync(), [
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    ]);
    // [c=2, h=3, w=2] → [h, w, c]: element (h, w, c) = x[c][h][w] = c·6 + h·2 + w.
    assert.deepEqual((flatten({ dataFormat: 'channelsFirst' }).apply(x) as Tensor).arraySync(), [
      [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11],
    ]);
  });
  it('gives [batch, 1] for a vector input and null for unknown sample sizes', () => {
    assert.deepEqual(flatten().computeOutputShape([null]), [null, 1]);
    assert.deepEqual(
      (flatten().apply(input({ batchShape: [null, null, 3] })) as SymbolicTensor).shape,
      [null, null],
    );
    assert.throws(() => flatten({ dataFormat: 'nchw' as never }), /dataFormat/);
  });
});
