import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import type { SymbolicTensor } from '../symbolic.js';
import { Concatenate, concatenate } from './concatenate.js';
import { input } from './input-layer.js';

describe('Concatenate', () => {
  it('passes the harness on the last axis and on a middle axis', () => {
    checkLayer({
      make: (c: object) => new Concatenate(c),
      config: {},
      inputShape: [
        [2, 3],
        [2, 2],
        [2, 1],
      ],
      expectedOutputShape: [2, 6],
    });
    checkLayer({
      make: (c: object) => new Concatenate(c),
      config: { axis: 1 },
      inputShape: [
        [2, 1, 3],
        [2, 2, 3],
      ],
      expectedOutputShape: [2, 3, 3],
    });
  });
  it('joins along the axis', () => {
    const out = concatenate([tensor([[1, 2]]), tensor([[3]])]);
    assert.deepEqual(out.arraySync(), [[1, 2, 3]]);
    const rows = concatenate([tensor([[[1, 2]]]), tensor([[[3, 4]]])], { axis: 1 });
    assert.deepEqual(rows.arraySync(), [
      [
        [1, 2],
        [3, 4],
      ],
    ]);
  });
  it('infers symbolic shapes, unknown when a joined size is unknown', () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [null] });
    assert.deepEqual((concatenate([a, input({ shape: [4] })]) as SymbolicTensor).shape, [null, 7]);
    assert.deepEqual((concatenate([a, b]) as SymbolicTensor).shape, [null, null]);
  });
  it('rejects mismatched shapes, ranks and the batch axis', () => {
    assert.throws(
      () => concatenate([tensor([[[1, 2]]]), tensor([[[1, 2, 3]]])], { axis: 1 }),
      /shapes differ outside axis 1/,
    );
    assert.throws(() => concatenate([tensor([[1]]), tensor([[[1]]])]), /same rank/);
    assert.throws(() => concatenate([tensor([[1]]), tensor([[1]])], { axis: 0 }), /batch axis/);
    assert.throws(() => concatenate().apply(tensor([[1]])), /expects a list/);
  });
});
