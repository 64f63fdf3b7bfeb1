import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { repeatVector } from './repeat-vector.js';

describe('RepeatVector', () => {
  it('passes the harness', () => {
    checkLayer({
      make: repeatVector,
      config: { n: 3 },
      inputShape: [2, 4],
      expectedOutputShape: [2, 3, 4],
    });
  });
  it('repeats each vector n times', () => {
    const out = repeatVector({ n: 2 }).apply(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    ) as Tensor;
    assert.deepEqual(out.arraySync(), [
      [
        [1, 2],
        [1, 2],
      ],
      [
        [3, 4],
        [3, 4],
      ],
    ]);
  });
  it('the gradient sums over the repetitions', () => {
    const x = tensor([[1, 2]], { requiresGrad: true });
    (repeatVector({ n: 3 }).apply(x) as Tensor).sum().backward();
    assert.deepEqual(x.grad!.arraySync(), [[3, 3]]);
  });
  it('rejects bad n and non-2-D inputs', () => {
    assert.throws(() => repeatVector({ n: 0 }), /positive integer/);
    assert.throws(() => repeatVector({ n: 2 }).apply(tensor([[[1]]])), /\[batch, features\]/);
  });
});
