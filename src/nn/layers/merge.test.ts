/** Behaviour shared by the elementwise merge layers (the `Merge` base and `mergeFactory`). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import type { SymbolicTensor } from '../symbolic.js';
import { Add, add } from './add.js';
import { input } from './input-layer.js';
import { subtract } from './subtract.js';

describe('Merge', () => {
  it('broadcasts sample shapes, expanding lower ranks after the batch axis', () => {
    // [1, 2] is seen as [1, 1, 2] and broadcast over the 3 steps of [1, 3, 2].
    const out = add([
      tensor([[10, 20]]),
      tensor([
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ]),
    ]);
    assert.deepEqual(out.arraySync(), [
      [
        [11, 22],
        [13, 24],
        [15, 26],
      ],
    ]);
    assert.deepEqual(
      new Add({}).computeOutputShape([
        [null, 2],
        [null, 3, 2],
      ]),
      [null, 3, 2],
    );
    assert.deepEqual(
      new Add({}).computeOutputShape([
        [4, 1, 5],
        [null, 3, 1],
      ]),
      [4, 3, 5],
    );
  });
  it('factory forms: a layer from a config, a result from a list of inputs', () => {
    assert.ok(add() instanceof Add);
    assert.equal(add({ name: 'sum' }).name, 'sum');
    const a = input({ shape: [4] });
    const b = input({ shape: [4] });
    const s = add([a, b]) as SymbolicTensor;
    assert.deepEqual(s.shape, [null, 4]);
    assert.ok(s.sourceLayer instanceof Add);
  });
  it('rejects single tensors, wrong counts, clashing shapes and batch sizes', () => {
    assert.throws(() => add().apply(tensor([[1]])), /expects a list of inputs/);
    assert.throws(
      () => subtract([tensor([[1]]), tensor([[1]]), tensor([[1]])]),
      /exactly 2 inputs/,
    );
    assert.throws(
      () => add([tensor([[1, 2]]), tensor([[1, 2, 3]])]),
      /incompatible shapes \[2\] and \[3\]/,
    );
    assert.throws(() => add([tensor([[1]]), tensor([[1], [2]])]), /different batch sizes/);
  });
  it('passes masks through unchanged (supportsMasking)', () => {
    const mask = tensor([[true, false]]);
    assert.equal(add().computeMask([tensor([[1, 2]])], mask), mask);
  });
});
