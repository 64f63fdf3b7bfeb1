import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { model, Sequential } from '../models/index.js';
import type { SymbolicTensor } from '../nn/symbolic.js';
import {
  batchNormalization,
  conv2D,
  dense,
  flatten,
  input,
  maxPooling2D,
} from '../nn/layers/index.js';
import { oneHot, randomNormal, tensor, type Tensor } from '../tensor/index.js';
import { decodeContainer } from './format.js';
import {
  deserializeModel,
  readModelInfo,
  serializeModel,
  serializeWeights,
  setWeightsFromBytes,
} from './index.js';
import { smallData, smallFunctional, smallSequential, weightValues } from './test-utils/models.js';

const data = (t: Tensor | Tensor[]): number[][] =>
  (Array.isArray(t) ? t : [t]).map((x) => Array.from(x.dataSync()));

/**
 * A Sequential model's config with its implicit input layer's name blanked: the models package
 * names that layer afresh (`input_layer_1`) when it rebuilds the model, and nothing refers to it.
 */
function withoutInputName(json: { className: string; config: Record<string, unknown> }): unknown {
  const layers = json.config['layers'] as { className: string; config: Record<string, unknown> }[];
  return {
    ...json,
    config: {
      ...json.config,
      layers: layers.map((l) =>
        l.className === 'InputLayer' ? { ...l, config: { ...l.config, name: '' } } : l,
      ),
    },
  };
}

describe('serializeModel / deserializeModel', () => {
  it('round-trips a trained Sequential: config, weights, predictions bit for bit', async () => {
    const m = smallSequential();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const { x, y } = smallData();
    await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, shuffle: false });
    const copy = deserializeModel(serializeModel(m));
    assert.ok(copy instanceof Sequential);
    assert.deepEqual(withoutInputName(copy.toJSON()), withoutInputName(m.toJSON()));
    assert.deepEqual(weightValues(copy), weightValues(m));
    assert.deepEqual(data(copy.predict(x)), data(m.predict(x)));
    assert.deepEqual(copy.metricsNames, ['loss', 'accuracy']);
    assert.deepEqual(
      await copy.evaluate(x, y, { verbose: 0 }),
      await m.evaluate(x, y, { verbose: 0 }),
    );
    assert.equal(copy.optimizer!.className, 'Adam');
    assert.equal(copy.optimizer!.iterations, 8);
  });

  it('round-trips a functional model with two inputs and two outputs', () => {
    const m = smallFunctional();
    m.compile({
      optimizer: 'sgd',
      loss: ['categoricalCrossentropy', 'meanSquaredError'],
      lossWeights: [1, 0.5],
      metrics: [['accuracy'], []],
    });
    const a = tensor([
      [0.1, -0.2, 0.3],
      [1, 2, 3],
    ]);
    const b = tensor([
      [0.5, 0.5],
      [-1, 0],
    ]);
    const copy = deserializeModel(serializeModel(m));
    assert.deepEqual(copy.toJSON(), m.toJSON());
    assert.deepEqual(copy.inputNames, ['a', 'b']);
    assert.deepEqual(weightValues(copy), weightValues(m));
    assert.deepEqual(data(copy.predict([a, b])), data(m.predict([a, b])));
    assert.deepEqual(copy.metricsNames, m.metricsNames);
  });

  it('round-trips convolutions and batch normalization, moving statistics included', async () => {
    const m = new Sequential([
      conv2D({
        filters: 2,
        kernelSize: 3,
        activation: 'relu',
        inputShape: [6, 6, 1],
        name: 'conv',
      }),
      batchNormalization({ name: 'norm' }),
      maxPooling2D({ poolSize: 2 }),
      flatten(),
      dense({ units: 2, activation: 'softmax', name: 'out' }),
    ]);
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = randomNormal([8, 6, 6, 1], { seed: 4 });
    const y = oneHot(tensor([0, 1, 0, 1, 1, 0, 0, 1], { dtype: 'int32' }), 2);
    await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const movingMean = m.getLayer('norm').weights.find((w) => w.name === 'moving_mean')!;
    assert.notDeepEqual(Array.from(movingMean.value.dataSync()), [0, 0]); // training moved it
    const copy = deserializeModel(serializeModel(m));
    assert.deepEqual(weightValues(copy), weightValues(m));
    assert.deepEqual(data(copy.predict(x)), data(m.predict(x)));
  });

  it('round-trips a model nested in another, naming its weights under it', () => {
    const encoder = new Sequential({
      name: 'encoder',
      layers: [dense({ units: 4, inputShape: [3], name: 'e1' }), dense({ units: 2, name: 'e2' })],
    });
    const x = input({ shape: [3] });
    const y = dense({ units: 2, activation: 'softmax', name: 'head' }).apply(encoder.apply(x));
    const m = model({ inputs: x, outputs: y as SymbolicTensor });
    const bytes = serializeModel(m);
    const names = (decodeContainer(bytes).header as { weights: { name: string }[] }).weights;
    assert.deepEqual(
      names.map((w) => w.name),
      [
        'encoder/e1/kernel',
        'encoder/e1/bias',
        'encoder/e2/kernel',
        'encoder/e2/bias',
        'head/kernel',
        'head/bias',
      ],
    );
    const a = tensor([[1, 2, 3]]);
    assert.deepEqual(data(deserializeModel(bytes).predict(a)), data(m.predict(a)));
  });

  it('writes a header that says what the file holds', () => {
    const m = smallSequential();
    const { header, version } = decodeContainer(serializeModel(m));
    const h = header as Record<string, unknown>;
    assert.equal(version, 1);
    assert.equal(h['kind'], 'model');
    assert.equal(h['training'], null); // not compiled
    assert.equal(h['optimizerState'], null);
    assert.deepEqual(
      (
        h['weights'] as {
          name: string;
          layer: string;
          shape: number[];
          dtype: string;
          offset: number;
        }[]
      ).map((w) => [w.layer, w.name, w.shape, w.dtype, w.offset]),
      [
        ['hidden', 'hidden/kernel', [4, 8], 'float32', 0],
        ['hidden', 'hidden/bias', [8], 'float32', 128],
        ['probs', 'probs/kernel', [8, 3], 'float32', 160],
        ['probs', 'probs/bias', [3], 'float32', 256],
      ],
    );
  });

  it('leaves the optimizer state out on request', async () => {
    const m = smallSequential();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const { x, y } = smallData();
    await m.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    const small = serializeModel(m, { includeOptimizer: false });
    assert.ok(small.length < serializeModel(m).length);
    const copy = deserializeModel(small);
    assert.equal(copy.optimizer!.iterations, 0);
    assert.deepEqual(weightValues(copy), weightValues(m));
  });

  it('loads without compiling on request, and refuses a weights-only file', () => {
    const m = smallSequential();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    assert.equal(deserializeModel(serializeModel(m), { compile: false }).optimizer, null);
    assert.throws(
      () => deserializeModel(serializeWeights(m), { source: 'w.nabla' }),
      /^NablaError: loadModel: w\.nabla holds weights only \(from saveWeights\)/,
    );
  });

  it('refuses a file whose loss it cannot rebuild, before building anything', () => {
    const m = smallSequential();
    m.compile({
      optimizer: 'adam',
      loss: function myOwnLoss(t: Tensor, p: Tensor) {
        return t.sub(p).square().mean(-1);
      },
    });
    const bytes = serializeModel(m);
    assert.throws(
      () => deserializeModel(bytes),
      /unknown loss 'myOwnLoss'.*registerLoss.*\{ compile: false \}/,
    );
    assert.deepEqual(weightValues(deserializeModel(bytes, { compile: false })), weightValues(m));
  });
});

describe('saveWeights / loadWeights', () => {
  it('matches weights by layer name, whatever the layer order', () => {
    const source = smallSequential(5);
    const { x } = smallData();
    source.predict(x);
    // Same layer names, different construction order of the weights' values.
    const target = smallSequential(9);
    assert.notDeepEqual(weightValues(target), weightValues(source));
    const report = setWeightsFromBytes(target, serializeWeights(source));
    assert.deepEqual(report, {
      loaded: ['hidden', 'probs'],
      skippedInModel: [],
      skippedInFile: [],
    });
    assert.deepEqual(data(target.predict(x)), data(source.predict(x)));
  });

  it('loads a shared base into a model with a new head when not strict', () => {
    const base = smallSequential(5);
    const transfer = new Sequential([
      dense({ units: 8, activation: 'relu', inputShape: [4], name: 'hidden' }),
      dense({ units: 5, activation: 'softmax', name: 'new_head' }),
    ]);
    const bytes = serializeWeights(base);
    assert.throws(
      () => setWeightsFromBytes(transfer, bytes),
      /the file has weights for layer 'probs', which the model lacks/,
    );
    const report = setWeightsFromBytes(transfer, bytes, { strict: false });
    assert.deepEqual(report, {
      loaded: ['hidden'],
      skippedInModel: ['new_head'],
      skippedInFile: ['probs'],
    });
    assert.deepEqual(weightValues(transfer)[0], weightValues(base)[0]);
  });

  it('changes nothing when any layer does not fit', () => {
    const source = new Sequential([
      dense({ units: 8, inputShape: [4], name: 'hidden' }),
      dense({ units: 4, name: 'probs' }),
    ]);
    const target = smallSequential(9);
    const before = weightValues(target);
    // 'hidden' fits and comes first; 'probs' does not: the load must not write 'hidden' either.
    assert.throws(
      () => setWeightsFromBytes(target, serializeWeights(source), { source: 'w.nabla' }),
      new RegExp(
        "^NablaError: loadWeights: w\\.nabla: weight 'probs/kernel' has shape \\[8,3\\] " +
          'in the model but \\[8,4\\] in the file$',
      ),
    );
    assert.deepEqual(weightValues(target), before);
  });
});

describe('metadata', () => {
  it('keeps JSON metadata beside the model and returns it from readModelInfo', async () => {
    const m = smallSequential();
    const metadata = { classNames: ['a', 'b', 'c'], scaler: { mean: [0.5] } };
    const info = await readModelInfo({
      location: 'mem',
      write: async () => undefined,
      read: async () => serializeModel(m, { metadata }),
    });
    assert.deepEqual(info.header.metadata, metadata);
    assert.equal(info.formatVersion, 1);
    assert.equal(info.parameters, 4 * 8 + 8 + 8 * 3 + 3);
    assert.equal('metadata' in (decodeContainer(serializeModel(m)).header as object), false);
  });
});
