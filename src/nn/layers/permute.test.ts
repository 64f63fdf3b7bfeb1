import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { permute } from './permute.js';

describe('Permute', () => {
  it('passes the harness', () => {
    checkLayer({
      make: permute,
      config: { dims: [2, 1] },
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 4, 3],
    });
    checkLayer({
      make: permute,
      config: { dims: [3, 1, 2] },
      inputShape: [1, 2, 3, 4],
      expectedOutputShape: [1, 4, 2, 3],
    });
  });
  it('swaps the sample axes, keeping the batch first', () => {
    const x = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]);
    assert.deepEqual((permute({ dims: [2, 1] }).apply(x) as Tensor).arraySync(), [
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    ]);
  });
  it('rejects non-permutations and inputs of the wrong rank', () => {
    assert.throws(() => permute({ dims: [0, 1] }), /permutation of 1..n/);
    assert.throws(() => permute({ dims: [1, 1] }), /permutation of 1..n/);
    assert.throws(() => permute({ dims: [2, 1] }).apply(tensor([[1, 2]])), /rank 3/);
  });
});
