/**
 * The convolution layers: the layer harness (shapes eager and symbolic, config round trip,
 * float64 finite-difference gradients of input and weights, no leaks), Keras's kernel layouts
 * and parameter counts, and the layer math against the tensor ops.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../tensor/index.js';
import { assertClose, rand64 } from '../../tensor/test-utils/gradcheck.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { Conv1D, conv1D } from './conv1d.js';
import { Conv2D, conv2D } from './conv2d.js';
import { depthwiseConv2D } from './conv2d-depthwise.js';
import { conv2DTranspose } from './conv2d-transpose.js';

describe('Conv2D', () => {
  it('passes the harness: valid, bias, relu-free', () => {
    checkLayer({
      make: conv2D,
      config: { filters: 3, kernelSize: 3 },
      inputShape: [2, 5, 4, 2],
      expectedOutputShape: [2, 3, 2, 3],
      expectedParams: 3 * 3 * 2 * 3 + 3,
    });
  });
  it("passes the harness: 'same', strides, groups, tanh, regularized", () => {
    checkLayer({
      make: conv2D,
      config: {
        filters: 4,
        kernelSize: [2, 3],
        strides: 2,
        padding: 'same',
        groups: 2,
        activation: 'tanh',
        kernelRegularizer: 'l2',
      },
      inputShape: [2, 5, 6, 2],
      expectedOutputShape: [2, 3, 3, 4],
      expectedParams: 2 * 3 * 1 * 4 + 4,
    });
  });
  it('passes the harness: dilation, no bias', () => {
    checkLayer({
      make: conv2D,
      config: { filters: 2, kernelSize: 2, dilationRate: [2, 1], useBias: false },
      inputShape: [1, 5, 4, 3],
      expectedOutputShape: [1, 3, 3, 2],
      expectedParams: 2 * 2 * 3 * 2,
    });
  });

  it("has Keras's kernel layout and the MNIST example's 320 parameters", () => {
    const layer = conv2D({ filters: 32, kernelSize: 3, activation: 'relu' });
    nb.tidy(() => void layer.apply(nb.zeros([1, 28, 28, 1])));
    assert.deepEqual(layer.weights.map((w) => [w.name, w.value.shape]), [
      ['kernel', [3, 3, 1, 32]],
      ['bias', [32]],
    ]);
    assert.equal(layer.countParams(), 320);
  });

  it('computes activation(conv2d(x, kernel) + bias)', () => {
    const layer = conv2D({ filters: 2, kernelSize: 2, activation: 'relu', dtype: 'float64' });
    nb.tidy(() => {
      const x = rand64([2, 4, 3, 3], 1);
      layer.apply(x);
      const kernel = rand64([2, 2, 3, 2], 2);
      const bias = nb.tensor(Float64Array.from([0.25, -0.5]));
      layer.setWeights([kernel, bias]);
      const expected = nb.relu(nb.conv2d(x, kernel).add(bias));
      assertClose((layer.apply(x) as nb.Tensor).dataSync(), expected.dataSync(), 0);
    });
  });

  it('serialises every option in Keras terms', () => {
    const options = { filters: 4, kernelSize: 3, strides: [1, 2], padding: 'same' } as const;
    const layer = new Conv2D({ ...options, groups: 2, name: 'c' });
    const config = layer.getConfig();
    assert.deepEqual(
      { ...config, kernelInitializer: undefined, biasInitializer: undefined },
      {
        name: 'c',
        trainable: true,
        dtype: 'float32',
        filters: 4,
        kernelSize: [3, 3],
        strides: [1, 2],
        padding: 'same',
        dataFormat: 'channelsLast',
        dilationRate: [1, 1],
        groups: 2,
        activation: 'linear',
        useBias: true,
        kernelInitializer: undefined,
        biasInitializer: undefined,
        kernelRegularizer: null,
        biasRegularizer: null,
        kernelConstraint: null,
        biasConstraint: null,
      },
    );
    assert.deepEqual(config['kernelInitializer'], { className: 'GlorotUniform', config: {} });
  });

  it('rejects bad options and inputs with the layer named', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ filters: 0 }, /conv2D: filters must be a positive integer/],
      [{ kernelSize: [3, 3, 3] }, /kernelSize must be a positive integer or 2 of them/],
      [{ groups: 2 }, /groups must be a positive integer dividing filters \(3\)/],
      [{ padding: 'causal' }, /padding must be 'valid' or 'same'/],
      [{ dataFormat: 'channelsFirst' }, /only dataFormat 'channelsLast' is supported/],
    ];
    for (const [options, message] of bad) {
      assert.throws(() => conv2D({ filters: 3, kernelSize: 3, ...options } as never), message);
    }
    const layer = conv2D({ filters: 2, kernelSize: 2, groups: 2, name: 'g' });
    nb.tidy(() => {
      const apply = (shape: number[]) => () => layer.apply(nb.zeros(shape));
      assert.throws(apply([1, 4, 4, 3]), /g: 3 input channels do not split into 2 groups/);
      assert.throws(apply([4, 4, 2]), /g: expects one input \[batch, height, width, channels\]/);
      apply([1, 4, 4, 2])();
      assert.throws(apply([1, 4, 4, 4]), /g: was built for 2 input channels, got \[1,4,4,4\]/);
    });
  });
});

describe('Conv1D', () => {
  it('passes the harness: valid, strides', () => {
    checkLayer({
      make: conv1D,
      config: { filters: 2, kernelSize: 3, strides: 2 },
      inputShape: [2, 7, 2],
      expectedOutputShape: [2, 3, 2],
      expectedParams: 3 * 2 * 2 + 2,
    });
  });
  it('passes the harness: causal, dilation, groups', () => {
    checkLayer({
      make: conv1D,
      config: { filters: 4, kernelSize: 2, padding: 'causal', dilationRate: 2, groups: 2 },
      inputShape: [2, 5, 2],
      expectedOutputShape: [2, 5, 4],
      expectedParams: 2 * 1 * 4 + 4,
    });
  });
  it("passes the harness: 'same' with an even kernel and a stride", () => {
    checkLayer({
      make: conv1D,
      config: { filters: 1, kernelSize: 4, strides: 3, padding: 'same' },
      inputShape: [1, 7, 2],
      expectedOutputShape: [1, 3, 1],
    });
  });
  it('keeps unknown steps unknown and refuses wrong ranks', () => {
    const layer = new Conv1D({ filters: 3, kernelSize: 3, padding: 'causal', name: 'c1' });
    assert.deepEqual(layer.computeOutputShape([null, null, 4]), [null, null, 3]);
    assert.deepEqual(layer.computeOutputShape([null, 10, 4]), [null, 10, 3]);
    nb.tidy(() => {
      const x = nb.zeros([1, 4, 4, 1]);
      assert.throws(() => layer.apply(x), /c1: expects one input \[batch, steps, channels\]/);
    });
  });
});

describe('DepthwiseConv2D', () => {
  it('passes the harness: multiplier 2, same, strides', () => {
    checkLayer({
      make: depthwiseConv2D,
      config: { kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' },
      inputShape: [2, 5, 4, 3],
      expectedOutputShape: [2, 3, 2, 6],
      expectedParams: 3 * 3 * 3 * 2 + 6,
    });
  });
  it('passes the harness: dilation, no bias, relu-free', () => {
    checkLayer({
      make: depthwiseConv2D,
      config: { kernelSize: [2, 2], dilationRate: 2, useBias: false },
      inputShape: [1, 5, 5, 2],
      expectedOutputShape: [1, 3, 3, 2],
      expectedParams: 2 * 2 * 2,
    });
  });
  it('never mixes channels', () => {
    const layer = depthwiseConv2D({
      kernelSize: 1,
      depthMultiplier: 2,
      depthwiseInitializer: 'ones',
    });
    nb.tidy(() => {
      const y = layer.apply(nb.tensor([[[[1, 10]]]])) as nb.Tensor;
      // Output channel c·2 + j comes from input channel c alone.
      assert.deepEqual(Array.from(y.dataSync()), [1, 1, 10, 10]);
      assert.deepEqual(layer.weights[0]!.value.shape, [1, 1, 2, 2]);
    });
  });
});

describe('Conv2DTranspose', () => {
  it("passes the harness: 'same', stride 2 doubles height and width", () => {
    checkLayer({
      make: conv2DTranspose,
      config: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' },
      inputShape: [2, 3, 2, 3],
      expectedOutputShape: [2, 6, 4, 2],
      expectedParams: 3 * 3 * 2 * 3 + 2,
    });
  });
  it('passes the harness: valid, kernel smaller than stride, output padding', () => {
    checkLayer({
      make: conv2DTranspose,
      config: { filters: 1, kernelSize: 2, strides: [3, 2], outputPadding: [2, 1] },
      inputShape: [1, 2, 3, 2],
      expectedOutputShape: [1, 3 * 1 + 2 + 2, 2 * 2 + 2 + 1, 1],
    });
  });
  it("has Keras's [kh, kw, filters, inChannels] kernel", () => {
    const layer = conv2DTranspose({ filters: 5, kernelSize: [2, 3] });
    nb.tidy(() => void layer.apply(nb.zeros([1, 2, 2, 4])));
    assert.deepEqual(layer.weights[0]!.value.shape, [2, 3, 5, 4]);
    assert.throws(
      () => conv2DTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 }),
      /outputPadding must be non-negative, smaller than the strides \[2,2\]/,
    );
  });
});
