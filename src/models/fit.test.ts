import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setSeed } from '../core/random.js';
import { memory, oneHot, randomNormal, tensor, tidy, type Tensor } from '../tensor/index.js';
import { dense } from '../nn/layers/dense.js';
import { input } from '../nn/layers/input-layer.js';
import { sgd } from '../optimizers/index.js';
import { lambdaCallback } from '../callbacks/lambda-callback.js';
import { model } from './model.js';
import { sequential } from './sequential.js';

/** 2-D points labelled by the sign of x0 + x1, one-hot. */
function separable(n: number, seed: number): { x: Tensor; y: Tensor; labels: number[] } {
  const x = randomNormal([n, 2], { seed });
  const data = x.dataSync();
  const labels = Array.from({ length: n }, (_, i) => (data[2 * i]! + data[2 * i + 1]! > 0 ? 1 : 0));
  const y = tidy(() => oneHot(tensor(labels, { dtype: 'int32' }), 2));
  return { x, y, labels };
}

function classifier(seed = 1) {
  setSeed(seed);
  return sequential([
    dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    dense({ units: 2, activation: 'softmax' }),
  ]);
}

function weightsOf(m: { getWeights(): Tensor[] }): number[][] {
  return m.getWeights().map((t) => {
    const values = Array.from(t.dataSync());
    t.dispose();
    return values;
  });
}

describe('fit', () => {
  it('learns XOR with a Sequential model (loss falls, accuracy 1)', async () => {
    setSeed(3);
    const m = sequential([
      dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    m.compile({
      optimizer: sgd({ learningRate: 0.5, momentum: 0.9 }),
      loss: 'binaryCrossentropy',
      metrics: ['accuracy'],
    });
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = tensor([[0], [1], [1], [0]]);
    const history = await m.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });
    const loss = history.history['loss']!;
    assert.equal(loss.length, 300);
    assert.ok(loss[299]! < loss[0]! / 5, `loss ${loss[0]} → ${loss[299]}`);
    assert.equal(history.history['accuracy']!.at(-1), 1);
    const [testLoss, accuracy] = await m.evaluate(x, y, { verbose: 0 });
    assert.ok(testLoss! < 0.1);
    assert.equal(accuracy, 1);
  });

  it('learns a linearly separable set with a functional model', async () => {
    const { x, y } = separable(256, 5);
    setSeed(2);
    const inp = input({ shape: [2] });
    const out = dense({ units: 2, activation: 'softmax' }).apply(
      dense({ units: 8, activation: 'relu' }).apply(inp),
    );
    const m = model({ inputs: inp, outputs: out });
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const history = await m.fit(x, y, {
      epochs: 30,
      batchSize: 16,
      verbose: 0,
      validationSplit: 0.25,
    });
    const loss = history.history['loss']!;
    for (let i = 5; i < loss.length; i += 5)
      assert.ok(loss[i]! < loss[i - 5]!, `loss rose at epoch ${i}`);
    assert.ok(history.history['accuracy']!.at(-1)! > 0.95);
    assert.ok(history.history['val_accuracy']!.at(-1)! > 0.9);
    assert.deepEqual(Object.keys(history.history), [
      'loss',
      'accuracy',
      'val_loss',
      'val_accuracy',
    ]);
  });

  it('holds out the last fraction, before shuffling, for validationSplit', async () => {
    const { x, y } = separable(10, 7);
    const m = classifier();
    m.compile({ optimizer: sgd({ learningRate: 0 }), loss: 'categoricalCrossentropy' });
    let seen = 0;
    const counter = lambdaCallback({ onBatchBegin: (_b, logs) => void (seen += logs['size']!) });
    const history = await m.fit(x, y, {
      epochs: 1,
      batchSize: 3,
      validationSplit: 0.2,
      callbacks: [counter],
      verbose: 0,
    });
    assert.equal(seen, 8);
    const [valLoss] = await m.evaluate(x.slice([8]), y.slice([8]), { verbose: 0 });
    assert.ok(Math.abs(history.history['val_loss']![0]! - valLoss!) < 1e-6);
    const [trainLoss] = await m.evaluate(x.slice([0], [8]), y.slice([0], [8]), { verbose: 0 });
    assert.ok(Math.abs(history.history['loss']![0]! - trainLoss!) < 1e-6);
  });

  it('weights the loss by classWeight and by sampleWeight', async () => {
    const { x, y, labels } = separable(12, 9);
    const m = classifier();
    m.compile({ optimizer: sgd({ learningRate: 0 }), loss: 'categoricalCrossentropy' });
    const p = m.predict(x).dataSync();
    const ce = labels.map((c, i) => -Math.log(p[2 * i + c]!));
    const expected = (w: number[]): number => ce.reduce((s, v, i) => s + v * w[i]!, 0) / ce.length;
    const classW = labels.map((c) => (c === 1 ? 3 : 0.5));
    const h1 = await m.fit(x, y, {
      epochs: 1,
      batchSize: 12,
      classWeight: { 0: 0.5, 1: 3 },
      verbose: 0,
    });
    assert.ok(Math.abs(h1.history['loss']![0]! - expected(classW)) < 1e-5);
    const sw = labels.map((_, i) => i / 4);
    const h2 = await m.fit(x, y, {
      epochs: 1,
      batchSize: 5,
      sampleWeight: tensor(sw),
      shuffle: false,
      verbose: 0,
    });
    // Batches of 5, 5, 2: the logged loss is the batch-size-weighted mean of the batch means.
    const batches = [
      [0, 5],
      [5, 10],
      [10, 12],
    ].map(([a, b]) => ce.slice(a, b).reduce((s, v, i) => s + v * sw[a! + i]!, 0));
    assert.ok(Math.abs(h2.history['loss']![0]! - batches.reduce((s, v) => s + v, 0) / 12) < 1e-5);
    await assert.rejects(
      m.fit(x, y, { classWeight: { 0: 1 }, sampleWeight: tensor(sw), verbose: 0 }),
      /classWeight or sampleWeight/,
    );
  });

  it('starts at initialEpoch', async () => {
    const { x, y } = separable(8, 1);
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const epochs: number[] = [];
    const history = await m.fit(x, y, {
      epochs: 5,
      initialEpoch: 3,
      verbose: 0,
      callbacks: [{ onEpochBegin: (e) => void epochs.push(e) }],
    });
    assert.deepEqual(epochs, [3, 4]);
    assert.deepEqual(history.epoch, [3, 4]);
    assert.equal(history.history['loss']!.length, 2);
  });

  it('shuffles reproducibly with a seed', async () => {
    const { x, y } = separable(64, 4);
    const run = async (seed: number): Promise<number[][]> => {
      const m = classifier(11);
      m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'categoricalCrossentropy' });
      await m.fit(x, y, { epochs: 2, batchSize: 8, seed, verbose: 0 });
      return weightsOf(m);
    };
    const a = await run(5);
    assert.deepEqual(await run(5), a);
    assert.notDeepEqual(await run(6), a);
  });

  it('keeps the live-tensor count flat over epochs', async () => {
    const { x, y } = separable(100, 2);
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await m.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 }); // creates the optimizer state
    const before = memory().numTensors;
    await m.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.2, verbose: 0 });
    await m.evaluate(x, y, { verbose: 0 });
    m.predict(x).dispose();
    m.trainOnBatch(x, y);
    assert.equal(memory().numTensors, before);
  });

  it('trains on a dataset of batches (iterable or async iterable)', async () => {
    const { x, y } = separable(64, 8);
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const batches = [0, 16, 32, 48].map((s) => ({
      xs: x.slice([s], [s + 16]),
      ys: y.slice([s], [s + 16]),
    }));
    const h1 = await m.fit(batches, { epochs: 2, verbose: 0 });
    assert.equal(h1.history['loss']!.length, 2);
    assert.ok(!batches[0]!.xs.isDisposed, 'an array of batches is read again each epoch');
    const before = memory().numTensors;
    const stream = {
      async *[Symbol.asyncIterator]() {
        for (const s of [0, 32]) yield [x.slice([s], [s + 32]), y.slice([s], [s + 32])];
      },
    };
    let steps = 0;
    await m.fit(stream, { epochs: 2, verbose: 0, callbacks: [{ onBatchEnd: () => void steps++ }] });
    assert.equal(steps, 4);
    assert.equal(memory().numTensors, before, 'fit disposes the batches a dataset yields');
  });

  it('explains mistakes: no compile, sample-count mismatch, wrong input shape', async () => {
    const m = classifier();
    const x = randomNormal([10, 2]);
    const y = randomNormal([10, 2]);
    await assert.rejects(m.fit(x, y, { verbose: 0 }), /compile/);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await assert.rejects(
      m.fit(x, y.slice([0], [9]), { verbose: 0 }),
      /same number of samples.*x \[10,2\].*y \[9,2\]/,
    );
    await assert.rejects(
      m.fit(randomNormal([10, 3]), y, { verbose: 0 }),
      /expects shape \(None, 2\), got \(10, 3\)/,
    );
    assert.throws(() => m.predict(randomNormal([4, 3])), /expects shape \(None, 2\), got \(4, 3\)/);
    await assert.rejects(m.fit(x, y, { validationSplit: 1.5, verbose: 0 }), /validationSplit/);
    await assert.rejects(m.fit(x, y, { batchSize: 0, verbose: 0 }), /batchSize/);
  });
});
