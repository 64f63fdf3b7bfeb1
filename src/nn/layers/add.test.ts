import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { Add, add } from './add.js';

describe('Add', () => {
  it('passes the harness (2 inputs, and a lower-rank input broadcast)', () => {
    checkLayer({
      make: (c: object) => new Add(c),
      config: {},
      inputShape: [
        [2, 3],
        [2, 3],
      ],
      expectedOutputShape: [2, 3],
      expectedParams: 0,
    });
    checkLayer({
      make: (c: object) => new Add(c),
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
    assert.deepEqual(add(inputs).arraySync(), [
      [4, 5],
      [1, 2.5],
    ]);
  });
});
