/**
 * BatchNormalization: Keras's formula computed with PyTorch (test/fixtures/conv/make_conv.py) for
 * the training output, its gradients and the moving-statistics update; the harness (shapes,
 * config, float64 finite differences in training and inference mode); frozen layers and masks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as nb from '../../tensor/index.js';
import { assertClose, rand64 } from '../../tensor/test-utils/gradcheck.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { BatchNormalization, batchNormalization } from './batch-normalization.js';

interface Flat {
  shape: number[];
  data: number[];
}
interface BNCase {
  name: string;
  axis: number;
  momentum: number;
  epsilon: number;
  [tensor: string]: Flat | number | string;
}

const url = new URL('../../../test/fixtures/conv/batch_normalization.json', import.meta.url);
const cases = (JSON.parse(readFileSync(url, 'utf8')) as { cases: BNCase[] }).cases;
const t64 = (f: unknown): nb.Tensor => {
  const flat = f as Flat;
  return nb.tensor(Float64Array.from(flat.data), { shape: flat.shape });
};
const data = (f: unknown): number[] => (f as Flat).data;

/** A float64 layer built for the case, with its fixture weights and moving statistics. */
function layerFor(c: BNCase): BatchNormalization {
  const { axis, momentum, epsilon } = c;
  const layer = batchNormalization({ axis, momentum, epsilon, dtype: 'float64' });
  nb.tidy(() => {
    layer.apply(t64(c['x']));
    const names = ['gamma', 'beta', 'movingMean', 'movingVariance'];
    layer.setWeights(names.map((n) => t64(c[n])));
  });
  return layer;
}

describe('BatchNormalization against PyTorch', () => {
  for (const c of cases) {
    it(`${c.name}: training output, gradients, moving statistics, then inference`, () => {
      const layer = layerFor(c);
      nb.tidy(() => {
        const x = t64(c['x']).requireGrad();
        const y = layer.apply(x, { training: true }) as nb.Tensor;
        assertClose(y.dataSync(), data(c['trainingOut']), 1e-12, 'training output');
        y.mul(t64(c['upstream'])).sum().backward();
        assertClose(x.grad!.dataSync(), data(c['gradX']), 1e-11, 'dL/dx');
        assertClose(layer.gamma!.grad!.dataSync(), data(c['gradGamma']), 1e-11, 'dL/dgamma');
        assertClose(layer.beta!.grad!.dataSync(), data(c['gradBeta']), 1e-11, 'dL/dbeta');
        assertClose(layer.movingMean!.dataSync(), data(c['newMovingMean']), 1e-14, 'moving mean');
        const variance = layer.movingVariance!.dataSync();
        assertClose(variance, data(c['newMovingVariance']), 1e-14, 'moving variance');
        const inference = layer.apply(t64(c['x'])) as nb.Tensor;
        assertClose(inference.dataSync(), data(c['inferenceOut']), 1e-12, 'inference output');
      });
    });
  }
});

describe('BatchNormalization', () => {
  it('passes the harness in training mode (batch statistics)', () => {
    checkLayer({
      make: batchNormalization,
      config: { gammaInitializer: { className: 'RandomUniform', config: { seed: 3 } } },
      inputShape: [4, 3, 2],
      callOptions: { training: true },
      expectedParams: 4 * 2,
    });
  });
  it('passes the harness in inference mode, axis 1, no center', () => {
    checkLayer({
      make: batchNormalization,
      config: {
        axis: 1,
        center: false,
        movingVarianceInitializer: { className: 'Constant', config: { value: 2 } },
      },
      inputShape: [2, 3, 4],
      expectedParams: 3 * 3,
    });
  });

  it("has Keras's defaults and weight order", () => {
    const layer = batchNormalization();
    nb.tidy(() => void layer.apply(nb.zeros([2, 5])));
    assert.equal(layer.momentum, 0.99);
    assert.equal(layer.epsilon, 1e-3);
    assert.deepEqual(layer.weights.map((w) => [w.name, w.trainable]), [
      ['gamma', true],
      ['beta', true],
      ['moving_mean', false],
      ['moving_variance', false],
    ]);
    assert.deepEqual(layer.trainableWeights.map((w) => w.name), ['gamma', 'beta']);
  });

  it('updates the moving statistics in training calls only', () => {
    const layer = batchNormalization({ momentum: 0.5 });
    nb.tidy(() => {
      const x = nb.tensor([[1, 10], [3, 30]]);
      layer.apply(x);
      assert.deepEqual(Array.from(layer.movingMean!.dataSync()), [0, 0]);
      layer.apply(x, { training: true });
      // mean [2, 20], biased variance [1, 100]: moving = 0.5 · old + 0.5 · batch.
      assert.deepEqual(Array.from(layer.movingMean!.dataSync()), [1, 10]);
      assert.deepEqual(Array.from(layer.movingVariance!.dataSync()), [1, 50.5]);
    });
  });

  it('a frozen layer normalises with its moving statistics even in training calls', () => {
    const one = { className: 'Constant', config: { value: 1 } };
    const layer = batchNormalization({ movingMeanInitializer: one });
    layer.trainable = false;
    nb.tidy(() => {
      const x = nb.tensor([[1], [3]]);
      const y = layer.apply(x, { training: true }) as nb.Tensor;
      // (x − 1) / √(1 + 0.001), moving statistics untouched.
      assertClose(y.dataSync(), [0, 2 / Math.sqrt(1.001)], 1e-6);
      assert.deepEqual(Array.from(layer.movingMean!.dataSync()), [1]);
    });
  });

  it('with a mask, training statistics count only the unmasked steps', () => {
    const options = { momentum: 0, center: false, scale: false } as const;
    const layer = batchNormalization({ ...options, dtype: 'float64' });
    nb.tidy(() => {
      const x = rand64([2, 3, 2], 1);
      const mask = nb.tensor([[true, true, false], [true, false, false]]);
      layer.apply(x, { training: true, mask });
      const first = x.slice([0, 0, 0], [1, 2, 2]).reshape([2, 2]);
      const second = x.slice([1, 0, 0], [2, 1, 2]).reshape([1, 2]);
      const kept = nb.concat([first, second]);
      assertClose(layer.movingMean!.dataSync(), kept.mean(0).dataSync(), 1e-15, 'mean');
      assertClose(layer.movingVariance!.dataSync(), kept.variance(0).dataSync(), 1e-15, 'variance');
    });
  });

  it('refuses bad options and inputs, naming the layer', () => {
    const badMomentum = /batchNormalization: momentum must be in \[0, 1\]/;
    assert.throws(() => batchNormalization({ momentum: 1.5 }), badMomentum);
    assert.throws(() => batchNormalization({ epsilon: 0 }), /epsilon must be positive/);
    const layer = new BatchNormalization({ name: 'bn' });
    const onAxis1 = new BatchNormalization({ axis: 1, name: 'bn1' });
    nb.tidy(() => {
      const options = { training: true, mask: nb.ones([2, 3], { dtype: 'bool' }) };
      const x = nb.zeros([2, 3, 4]);
      assert.throws(() => onAxis1.apply(x, options), /bn1: a mask \[batch, steps\]/);
      layer.apply(nb.zeros([2, 3]));
      const wrong = /bn: was built for rank 2 with 3 features on axis 1, got \[2,4\]/;
      assert.throws(() => layer.apply(nb.zeros([2, 4])), wrong);
    });
  });
});
