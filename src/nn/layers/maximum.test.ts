import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { Maximum, maximum } from './maximum.js';

describe('Maximum', () => {
  it('passes the harness (3 inputs, and a lower-rank input broadcast)', () => {
    checkLayer({
      make: (c: object) => new Maximum(c),
      config: {},
      inputShape: [
        [2, 3],
        [2, 3],
        [2, 3],
      ],
      expectedOutputShape: [2, 3],
      expectedParams: 0,
    });
    checkLayer({
      make: (c: object) => new Maximum(c),
      config: {},
      inputShape: [
        [2, 3],
        [2, 4, 3],
      ],
      expectedOutputShape: [2, 4, 3],
    });
  });
  it('computes the reference values', () => {
    const inputs = [
      [
        [3, 4],
        [-1, 0.5],
      ],
      [
        [1, 5],
        [2, 2],
      ],
      [
        [2, 1],
        [-4, 0.5],
      ],
    ].map((v) => tensor(v));
    assert.deepEqual(maximum(inputs).arraySync(), [
      [3, 5],
      [2, 2],
    ]);
  });
});
