import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { input } from './input-layer.js';
import { pReLU } from './prelu.js';

describe('PReLU', () => {
  it('passes the harness with one slope per element and with shared axes', () => {
    const r = checkLayer({
      make: pReLU,
      config: {
        alphaInitializer: {
          className: 'RandomUniform',
          config: { minval: 0, maxval: 0.5, seed: 1 },
        },
      },
      inputShape: [2, 3, 4],
      expectedParams: 12,
    });
    assert.equal(r.gradientsChecked, 24 + 12);
    checkLayer({
      make: pReLU,
      config: { alphaInitializer: 'ones', sharedAxes: [1] },
      inputShape: [2, 3, 4],
      expectedParams: 4,
    });
  });
  it('starts as a ReLU (alpha zeros) and matches max(0, x) + alpha·min(0, x)', () => {
    const layer = pReLU({ sharedAxes: 1 });
    const f = layerFixture('prelu');
    const x = tensor(f['x'] as number[][][], { dtype: 'float64' });
    assert.deepEqual((layer.apply(x) as Tensor).dataSync(), x.relu().dataSync());
    assert.deepEqual(layer.alpha!.shape, [1, 4]);
    layer.setWeights([tensor(f['alpha'] as number[][])]);
    assertClose((layer.apply(x) as Tensor).dataSync(), flat(f['y']), 1e-6);
  });
  it('learns alpha: its gradient is min(x, 0) summed over shared axes', () => {
    const layer = pReLU({ sharedAxes: [1], dtype: 'float64' });
    const x = tensor(
      [
        [
          [-1, 2],
          [-3, -4],
        ],
      ],
      { dtype: 'float64' },
    );
    (layer.apply(x) as Tensor).sum().backward();
    assert.deepEqual(layer.alpha!.grad!.arraySync(), [[-4, -4]]);
  });
  it('needs known unshared sizes and valid shared axes', () => {
    assert.throws(() => pReLU().apply(input({ shape: [null, 3] })), /must be known/);
    assert.doesNotThrow(() => pReLU({ sharedAxes: 1 }).apply(input({ shape: [null, 3] })));
    assert.throws(() => pReLU({ sharedAxes: 0 }), /sharedAxes must be axes ≥ 1/);
    assert.throws(() => pReLU({ sharedAxes: 3 }).apply(tensor([[1, 2]])), /out of range/);
  });
});
