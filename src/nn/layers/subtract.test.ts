import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { Subtract, subtract } from './subtract.js';

describe('Subtract', () => {
  it('passes the harness (2 inputs, and a lower-rank input broadcast)', () => {
    checkLayer({
      make: (c: object) => new Subtract(c),
      config: {},
      inputShape: [
        [2, 3],
        [2, 3],
      ],
      expectedOutputShape: [2, 3],
      expectedParams: 0,
    });
    checkLayer({
      make: (c: object) => new Subtract(c),
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
        [1, 1],
        [2, 2],
      ],
    ].map((v) => tensor(v));
    assert.deepEqual(subtract(inputs).arraySync(), [
      [2, 3],
      [-3, -1.5],
    ]);
  });
});
