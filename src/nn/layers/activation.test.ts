import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { activation } from './activation.js';

describe('Activation', () => {
  for (const name of ['relu', 'sigmoid', 'tanh', 'softmax', 'gelu', 'elu'] as const) {
    it(`passes the harness with '${name}'`, () => {
      checkLayer({
        make: activation,
        config: { activation: name },
        inputShape: [2, 3, 4],
        expectedParams: 0,
      });
    });
  }
  it('applies the named function (the article values)', () => {
    const x = tensor([-2, -1, 0, 1, 2]);
    assertClose(
      (activation({ activation: 'sigmoid' }).apply(x) as Tensor).dataSync(),
      [0.1192, 0.2689, 0.5, 0.7311, 0.8808],
      1e-4,
    );
    assert.deepEqual(
      (activation({ activation: 'relu' }).apply(x) as Tensor).arraySync(),
      [0, 0, 0, 1, 2],
    );
    assertClose(
      (activation({ activation: 'leakyRelu' }).apply(x) as Tensor).dataSync(),
      [-0.02, -0.01, 0, 1, 2],
    );
  });
  it('accepts a function, and serialises names', () => {
    const cube = (t: Tensor): Tensor => t.mul(t).mul(t);
    assert.deepEqual((activation({ activation: cube }).apply(tensor([2])) as Tensor).arraySync(), [
      8,
    ]);
    assert.equal(activation({ activation: 'leaky_relu' as never }).getConfig()['activation'], 'leakyRelu');
    assert.throws(
      () => activation({ activation: 'swoosh' as never }),
      /unknown activation 'swoosh'/,
    );
  });
});
