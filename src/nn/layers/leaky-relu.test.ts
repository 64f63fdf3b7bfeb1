import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leakyRelu, tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { leakyReLU } from './leaky-relu.js';

describe('LeakyReLU', () => {
  it('passes the harness', () => {
    checkLayer({
      make: leakyReLU,
      config: { negativeSlope: 0.2 },
      inputShape: [2, 6],
      expectedParams: 0,
    });
  });
  it("defaults to Keras's slope 0.3, unlike the function nb.leakyRelu (0.01)", () => {
    const x = tensor([-2, -1, 0, 1, 2]);
    assertClose((leakyReLU().apply(x) as Tensor).dataSync(), [-0.6, -0.3, 0, 1, 2], 1e-6);
    assertClose(leakyRelu(x).dataSync(), [-0.02, -0.01, 0, 1, 2], 1e-6);
  });
  it('matches PyTorch leaky_relu(x, 0.3); accepts the legacy name alpha', () => {
    const f = layerFixture('activations');
    const out = leakyReLU().apply(tensor(f['x'] as number[][], { dtype: 'float64' })) as Tensor;
    assertClose(out.dataSync(), flat(f['leaky_0.3']), 1e-12);
    assert.equal(leakyReLU({ alpha: 0.1 }).negativeSlope, 0.1);
    assert.throws(() => leakyReLU({ negativeSlope: -1 }), /negativeSlope must be ≥ 0/);
  });
});
