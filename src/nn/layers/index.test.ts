import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nn from '../index.js';
import { LAYER_CLASSES } from './index.js';
import * as layers from './index.js';

// A minimal valid config per class, for construction from the registry.
const CONFIGS: Record<string, Record<string, unknown>> = {
  Activation: { activation: 'relu' },
  Dense: { units: 2 },
  Dot: { axes: 1 },
  Dropout: { rate: 0.1 },
  Embedding: { inputDim: 3, outputDim: 2 },
  InputLayer: { shape: [3] },
  Lambda: { function: (x: unknown) => x },
  Permute: { dims: [1] },
  RepeatVector: { n: 2 },
  Reshape: { targetShape: [3] },
  Conv1D: { filters: 2, kernelSize: 3 },
  Conv2D: { filters: 2, kernelSize: 3 },
  Conv2DTranspose: { filters: 2, kernelSize: 3 },
  DepthwiseConv2D: { kernelSize: 3 },
};

// Keras's alternative spellings map to the canonical classes.
const ALIASES: Record<string, string> = {
  MaxPool1D: 'MaxPooling1D',
  MaxPool2D: 'MaxPooling2D',
  AvgPool1D: 'AveragePooling1D',
  AvgPool2D: 'AveragePooling2D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
};

describe('layers barrel', () => {
  it('LAYER_CLASSES maps each Keras class name to a class with that className', () => {
    const names = Object.keys(LAYER_CLASSES);
    for (const expected of [
      'Dense',
      'InputLayer',
      'Dropout',
      'Concatenate',
      'Add',
      'PReLU',
      'Softmax',
      'Embedding',
      'Conv2D',
      'MaxPooling2D',
      'BatchNormalization',
    ]) {
      assert.ok(names.includes(expected), expected);
    }
    for (const [name, Class] of Object.entries(LAYER_CLASSES)) {
      const canonical = ALIASES[name] ?? name;
      const layer = new Class(CONFIGS[canonical] ?? {});
      assert.equal(layer.className, canonical);
      const copy = new Class(layer.getConfig());
      assert.deepEqual(copy.getConfig(), layer.getConfig(), name);
    }
  });
  it('exports a camelCase factory for every layer the issue names', () => {
    const factories = [
      'input',
      'dense',
      'activation',
      'dropout',
      'flatten',
      'reshape',
      'permute',
      'repeatVector',
      'concatenate',
      'add',
      'subtract',
      'multiply',
      'average',
      'maximum',
      'minimum',
      'dot',
      'lambda',
      'reLU',
      'leakyReLU',
      'pReLU',
      'elu',
      'softmax',
      'embedding',
    ];
    for (const f of factories)
      assert.equal(typeof (layers as Record<string, unknown>)[f], 'function', f);
  });
  it('nn/index exposes the namespaces, the base class and the symbolic tensor', () => {
    assert.equal(typeof nn.layers.dense, 'function');
    assert.equal(typeof nn.initializers.heNormal, 'function');
    assert.equal(typeof nn.regularizers.l2, 'function');
    assert.equal(typeof nn.constraints.maxNorm, 'function');
    assert.equal(typeof nn.activations.getActivation, 'function');
    assert.ok(nn.layers.dense({ units: 1 }) instanceof nn.Layer);
    assert.ok(nn.input({ shape: [2] }) instanceof nn.SymbolicTensor);
  });
  it('a functional graph flows through several layers with inferred shapes', () => {
    const a = nn.input({ shape: [8] });
    const b = nn.input({ shape: [8] });
    const h = layers.dense({ units: 4, activation: 'relu' }).apply(a) as nn.SymbolicTensor;
    const g = layers.dense({ units: 4 }).apply(b) as nn.SymbolicTensor;
    const merged = layers.concatenate([layers.add([h, g]), layers.multiply([h, g])]);
    const seq = layers.repeatVector({ n: 3 }).apply(merged) as nn.SymbolicTensor;
    const out = layers
      .dropout({ rate: 0.5 })
      .apply(layers.permute({ dims: [2, 1] }).apply(seq)) as nn.SymbolicTensor;
    assert.deepEqual(out.shape, [null, 8, 3]);
    assert.deepEqual(layers.flatten().apply(out) instanceof nn.SymbolicTensor, true);
  });
});
