import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { reLU } from './relu.js';

describe('ReLU', () => {
  it('passes the harness, plain and with every option', () => {
    checkLayer({ make: reLU, config: {}, inputShape: [2, 5], expectedParams: 0 });
    checkLayer({
      make: reLU,
      config: { maxValue: 0.5, negativeSlope: 0.2, threshold: 0.1 },
      inputShape: [3, 4],
    });
  });
  it('plain: max(x, 0); maxValue 6 is ReLU6', () => {
    assert.deepEqual(
      (reLU().apply(tensor([-2, -1, 0, 1, 2])) as Tensor).arraySync(),
      [0, 0, 0, 1, 2],
    );
    assert.deepEqual(
      (reLU({ maxValue: 6 }).apply(tensor([-1, 3, 6, 9])) as Tensor).arraySync(),
      [0, 3, 6, 6],
    );
  });
  it('matches the Keras formula with maxValue 1, negativeSlope 0.1, threshold 0.5', () => {
    const f = layerFixture('activations');
    const out = reLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.5 }).apply(
      tensor(f['x'] as number[][], { dtype: 'float64' }),
    ) as Tensor;
    assertClose(out.dataSync(), flat(f['relu_options']), 1e-12);
  });
  it('validates its options and serialises maxValue null', () => {
    assert.throws(() => reLU({ maxValue: -1 }), /maxValue must be ≥ 0/);
    assert.throws(() => reLU({ negativeSlope: -0.1 }), /negativeSlope/);
    assert.throws(() => reLU({ threshold: -1 }), /threshold/);
    const config = reLU().getConfig();
    assert.deepEqual(
      [config['maxValue'], config['negativeSlope'], config['threshold']],
      [null, 0, 0],
    );
  });
});
