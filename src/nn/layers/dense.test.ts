import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, tidy } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { Dense, dense } from './dense.js';

describe('Dense', () => {
  it('passes the harness: 2-D input, linear', () => {
    const r = checkLayer({
      make: dense,
      config: { units: 3 },
      inputShape: [2, 4],
      expectedOutputShape: [2, 3],
      expectedParams: 15,
    });
    assert.equal(r.gradientsChecked, 2 * 4 + 15);
  });
  it('passes the harness: 3-D input, tanh, no bias, with regularizers and constraints', () => {
    checkLayer({
      make: dense,
      config: {
        units: 2,
        activation: 'tanh',
        useBias: false,
        kernelRegularizer: 'l2',
        kernelConstraint: 'maxNorm',
      },
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 2],
      expectedParams: 8,
    });
  });

  it('computes x @ W + b, then the activation', () => {
    const layer = dense({ units: 2, activation: 'relu' });
    layer.apply(tensor([[0, 0, 0]]));
    layer.setWeights([
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tensor([0.5, -0.5]),
    ]);
    // [1, 1, -1] @ W + b = [1 + 3 - 5 + 0.5, 2 + 4 - 6 - 0.5] = [-0.5, -0.5] → relu 0;
    // [1, 0, 1] → [6.5, 7.5].
    const out = layer.apply(
      tensor([
        [1, 1, -1],
        [1, 0, 1],
      ]),
    ) as ReturnType<typeof tensor>;
    assert.deepEqual(out.arraySync(), [
      [0, 0],
      [6.5, 7.5],
    ]);
  });

  it('honours dtype float64 for its weights', () => {
    const layer = dense({ units: 2, dtype: 'float64' });
    layer.apply(tensor([[1, 2]], { dtype: 'float64' }));
    assert.deepEqual(
      layer.weights.map((w) => w.value.dtype),
      ['float64', 'float64'],
    );
  });

  it('adds kernel and bias penalties to regularizationLoss', () => {
    const layer = dense({
      units: 2,
      kernelRegularizer: regularizers.l2({ l2: 0.1 }),
      biasRegularizer: { className: 'L1', config: { l1: 0.5 } },
    });
    layer.apply(tensor([[0, 0]]));
    layer.setWeights([
      tensor([
        [1, -2],
        [3, 0],
      ]),
      tensor([1, -3]),
    ]);
    // 0.1 · (1 + 4 + 9) + 0.5 · (1 + 3) = 3.4
    assertClose([layer.regularizationLoss()!.item()], [3.4], 1e-6);
    layer.trainable = false;
    assert.equal(layer.regularizationLoss(), null);
    assert.deepEqual(layer.trainableWeights, []);
    assert.equal(layer.nonTrainableWeights.length, 2);
  });

  it('records activity penalties only in training calls, until clearLosses', () => {
    const layer = dense({ units: 2, kernelInitializer: 'ones', activityRegularizer: 'l2' });
    const x = tensor([[1, 2]]);
    layer.apply(x);
    assert.equal(layer.regularizationLoss(), null);
    layer.apply(x, { training: true });
    // outputs [3, 3]: 0.01 · 18
    assertClose([layer.regularizationLoss()!.item()], [0.18], 1e-6);
    layer.apply(x, { training: true });
    assertClose([layer.regularizationLoss()!.item()], [0.36], 1e-6);
    layer.clearLosses();
    assert.equal(layer.regularizationLoss(), null);
    // Penalties freed by a step's tidy are dropped at the next training call.
    tidy(() => void layer.apply(x, { training: true }));
    layer.apply(x, { training: true });
    assertClose([layer.regularizationLoss()!.item()], [0.18], 1e-6);
    assert.deepEqual(
      (layer.getConfig()['activityRegularizer'] as { className: string }).className,
      'L2',
    );
  });

  it('the activity penalty is differentiable with respect to the kernel', () => {
    const layer = dense({
      units: 1,
      useBias: false,
      kernelInitializer: 'ones',
      activityRegularizer: regularizers.l2({ l2: 1 }),
      dtype: 'float64',
    });
    layer.apply(tensor([[1, 2]], { dtype: 'float64' }), { training: true });
    layer.regularizationLoss()!.backward();
    // penalty = (w1 + 2 w2)²: gradient 2 · 3 · [1, 2]
    assertClose(layer.weights[0]!.value.grad!.dataSync(), [6, 12]);
  });

  it('applyConstraints projects constrained weights', () => {
    const layer = dense({
      units: 2,
      kernelConstraint: constraints.nonNeg(),
      biasConstraint: 'maxNorm',
    });
    layer.apply(tensor([[0, 0]]));
    layer.setWeights([
      tensor([
        [1, -2],
        [-3, 4],
      ]),
      tensor([3, 4]),
    ]);
    layer.applyConstraints();
    assert.deepEqual(layer.kernel!.arraySync(), [
      [1, 0],
      [0, 4],
    ]);
    assertClose(layer.bias!.dataSync(), [1.2, 1.6], 1e-6);
  });

  it('serialises initializers, regularizers and constraints', () => {
    const layer = dense({
      units: 4,
      kernelInitializer: 'heNormal',
      kernelRegularizer: 'l1l2',
      biasConstraint: 'nonNeg',
      name: 'd',
    });
    const config = layer.getConfig();
    assert.deepEqual(config['kernelInitializer'], { className: 'HeNormal', config: {} });
    assert.deepEqual(config['kernelRegularizer'], {
      className: 'L1L2',
      config: { l1: 0.01, l2: 0.01 },
    });
    assert.deepEqual(config['biasConstraint'], { className: 'NonNeg', config: {} });
    assert.equal(config['biasRegularizer'], null);
    assert.deepEqual(Dense.fromConfig(config).getConfig(), config);
  });

  it('rejects bad units and mismatched inputs, naming the layer', () => {
    assert.throws(() => dense({ units: 0 }), /units must be a positive integer/);
    const layer = dense({ units: 2, name: 'head' });
    layer.apply(tensor([[1, 2, 3]]));
    assert.throws(() => layer.apply(tensor([[1, 2]])), /head: expected input last dimension 3/);
  });
});
