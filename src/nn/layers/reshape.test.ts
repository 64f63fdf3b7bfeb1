import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arange, type Tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import type { SymbolicTensor } from '../symbolic.js';
import { input } from './input-layer.js';
import { reshape } from './reshape.js';

describe('Reshape', () => {
  it('passes the harness, with and without -1', () => {
    checkLayer({
      make: reshape,
      config: { targetShape: [3, 4] },
      inputShape: [2, 12],
      expectedOutputShape: [2, 3, 4],
    });
    checkLayer({
      make: reshape,
      config: { targetShape: [-1, 2] },
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 6, 2],
    });
  });
  it('reshapes each sample in row-major order', () => {
    const x = arange(6, undefined, 1, { dtype: 'float32' }).reshape([1, 6]);
    assert.deepEqual((reshape({ targetShape: [2, -1] }).apply(x) as Tensor).arraySync(), [
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
    ]);
  });
  it('infers -1 symbolically when the sample size is known, null otherwise', () => {
    assert.deepEqual(
      (reshape({ targetShape: [-1, 4] }).apply(input({ shape: [2, 6] })) as SymbolicTensor).shape,
      [null, 3, 4],
    );
    assert.deepEqual(
      (reshape({ targetShape: [-1, 4] }).apply(input({ shape: [null, 4] })) as SymbolicTensor)
        .shape,
      [null, null, 4],
    );
  });
  it('rejects bad targets and sizes that do not fit', () => {
    assert.throws(() => reshape({ targetShape: [-1, -1] }), /at most one -1/);
    assert.throws(() => reshape({ targetShape: [0, 2] }), /positive integers/);
    assert.throws(
      () => reshape({ targetShape: [5] }).apply(input({ shape: [6] })),
      /cannot reshape a sample of shape \[6\] to \[5\]/,
    );
    assert.throws(
      () => reshape({ targetShape: [-1, 4] }).apply(input({ shape: [6] })),
      /cannot reshape/,
    );
  });
});
