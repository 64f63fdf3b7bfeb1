import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setSeed } from '../core/random.js';
import { memory, oneHot, randomNormal, tensor, tidy, type Tensor } from '../tensor/index.js';
import { resetNames } from '../nn/layer.js';
import { dense } from '../nn/layers/dense.js';
import { add } from '../nn/layers/add.js';
import { concatenate } from '../nn/layers/concatenate.js';
import { input } from '../nn/layers/input-layer.js';
import type { SymbolicTensor } from '../nn/symbolic.js';
import { sgd } from '../optimizers/index.js';
import { model, Model } from './model.js';
import { sequential } from './sequential.js';
import { modelFromJSON } from './from-json.js';

const sym = (t: unknown): SymbolicTensor => t as SymbolicTensor;

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++)
    assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `[${i}] ${a[i]} vs ${b[i]}`);
}

describe('functional Model', () => {
  it('runs a multi-input, multi-output graph and trains with a loss per output', async () => {
    setSeed(1);
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [2], name: 'b' });
    const joined = concatenate([a, b]);
    const hidden = dense({ units: 8, activation: 'relu' }).apply(joined);
    const cls = dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(hidden);
    const reg = dense({ units: 1, name: 'reg' }).apply(hidden);
    const m = model({ inputs: [a, b], outputs: [sym(cls), sym(reg)] });
    assert.deepEqual(m.inputNames, ['a', 'b']);
    assert.deepEqual(m.outputNames, ['cls', 'reg']);
    const xa = randomNormal([32, 3], { seed: 2 });
    const xb = randomNormal([32, 2], { seed: 3 });
    const yReg = tidy(() => xa.sum(1, true).add(xb.sum(1, true)));
    const yCls = tidy(() => oneHot(yReg.reshape([32]).gt(0).cast('int32'), 2));
    m.compile({
      optimizer: 'adam',
      loss: { cls: 'categoricalCrossentropy', reg: 'meanSquaredError' },
      lossWeights: { cls: 1, reg: 0.5 },
      metrics: { cls: ['accuracy'] },
    });
    assert.deepEqual(m.metricsNames, ['loss', 'cls_loss', 'reg_loss', 'cls_accuracy']);
    const history = await m.fit({ a: xa, b: xb }, [yCls, yReg], {
      epochs: 20,
      batchSize: 8,
      verbose: 0,
    });
    const h = history.history;
    assert.deepEqual(Object.keys(h), ['loss', 'cls_loss', 'reg_loss', 'cls_accuracy']);
    h['loss']!.forEach((total, i) =>
      assert.ok(Math.abs(total - (h['cls_loss']![i]! + 0.5 * h['reg_loss']![i]!)) < 1e-5),
    );
    assert.ok(h['reg_loss']!.at(-1)! < h['reg_loss']![0]!);
    const [pCls, pReg] = m.predict([xa, xb]) as Tensor[];
    assert.deepEqual(pCls!.shape, [32, 2]);
    assert.deepEqual(pReg!.shape, [32, 1]);
    const result = await m.evaluate([xa, xb], { cls: yCls, reg: yReg }, { verbose: 0 });
    assert.equal(result.length, 4);
  });

  it('shares a layer between two inputs (one set of weights, both paths trained)', async () => {
    const shared = dense({ units: 4, name: 'shared' });
    const left = input({ shape: [3] });
    const right = input({ shape: [3] });
    const out = dense({ units: 1 }).apply(add([sym(shared.apply(left)), sym(shared.apply(right))]));
    const m = model({ inputs: [left, right], outputs: out });
    assert.equal(m.layers.filter((l) => l === shared).length, 1);
    assert.equal(m.countParams(), 3 * 4 + 4 + 4 + 1);
    assert.equal(shared.inboundNodes.length, 2);
    const x1 = randomNormal([4, 3], { seed: 1 });
    const x2 = randomNormal([4, 3], { seed: 2 });
    // Symmetric in its inputs because both go through the same weights.
    close(
      (m.predict([x1, x2]) as Tensor).dataSync(),
      (m.predict([x2, x1]) as Tensor).dataSync(),
      1e-5,
    );
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const before = shared.getWeights()[0]!.dataSync();
    m.trainOnBatch([x1, x2], randomNormal([4, 1], { seed: 3 }));
    assert.notDeepEqual(shared.getWeights()[0]!.dataSync(), before);
  });

  it('makes feature extractors from intermediate outputs, sharing weights', () => {
    const inp = input({ shape: [4] });
    const hidden = dense({ units: 3, activation: 'relu', name: 'features' }).apply(inp);
    const out = dense({ units: 2, name: 'head' }).apply(hidden);
    const full = model({ inputs: inp, outputs: out });
    const features = model({
      inputs: full.inputs[0]!,
      outputs: full.getLayer('features').inboundNodes[0]!.outputs[0]!,
    });
    assert.deepEqual(
      features.layers.map((l) => l.name),
      [full.layers[0]!.name, 'features'],
    );
    const x = randomNormal([5, 4], { seed: 4 });
    const direct = tidy(() => (full.getLayer('features').apply(x) as Tensor).dataSync());
    close((features.predict(x) as Tensor).dataSync(), direct);
    assert.equal(full.getLayer(2).name, 'head');
    assert.throws(() => full.getLayer('nope'), /no layer named 'nope'/);
  });

  it('nests: a frozen base inside a new model (transfer learning)', async () => {
    setSeed(5);
    const base = sequential([
      dense({ units: 6, activation: 'relu', inputShape: [4] }),
      dense({ units: 3, activation: 'relu' }),
    ]);
    base.trainable = false;
    assert.equal(
      base.layers.every((l) => !l.trainable),
      true,
    );
    const inp = input({ shape: [4] });
    const head = dense({ units: 1 });
    const m = model({ inputs: inp, outputs: head.apply(base.apply(inp)) });
    assert.equal(m.trainableWeights.length, 2);
    assert.equal(m.nonTrainableWeights.length, 4);
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const frozen = base.getWeights().map((t) => Array.from(t.dataSync()));
    const headBefore = Array.from(head.getWeights()[0]!.dataSync());
    await m.fit(randomNormal([16, 4], { seed: 1 }), randomNormal([16, 1], { seed: 2 }), {
      epochs: 2,
      verbose: 0,
    });
    assert.deepEqual(
      base.getWeights().map((t) => Array.from(t.dataSync())),
      frozen,
    );
    assert.notDeepEqual(Array.from(head.getWeights()[0]!.dataSync()), headBefore);
  });

  it('names the unreachable tensor when the graph is disconnected', () => {
    const a = input({ shape: [2], name: 'a_in' });
    const b = input({ shape: [2], name: 'b_in' });
    const out = add([a, b]);
    assert.throws(() => model({ inputs: a, outputs: out }), /graph disconnected.*'b_in'/);
  });

  it('summarizes a branching model with a Connected to column, as Keras does', () => {
    resetNames();
    const a = input({ shape: [3] });
    const b = input({ shape: [3] });
    const m = model({ inputs: [a, b], outputs: dense({ units: 2 }).apply(add([a, b])) });
    const text = m.summary({ printFn: () => {} });
    assert.equal(
      text,
      [
        'Model: "functional"',
        '┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩',
        '│ input_layer         │ (None, 3)         │          0 │ -                 │',
        '│ (InputLayer)        │                   │            │                   │',
        '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
        '│ input_layer_1       │ (None, 3)         │          0 │ -                 │',
        '│ (InputLayer)        │                   │            │                   │',
        '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
        '│ add (Add)           │ (None, 3)         │          0 │ input_layer[0][0… │',
        '│                     │                   │            │ input_layer_1[0]… │',
        '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
        '│ dense (Dense)       │ (None, 2)         │          8 │ add[0][0]         │',
        '└─────────────────────┴───────────────────┴────────────┴───────────────────┘',
        ' Total params: 8 (32.00 B)',
        ' Trainable params: 8 (32.00 B)',
        ' Non-trainable params: 0 (0.00 B)',
      ].join('\n'),
    );
  });

  it('round-trips its config (shared layers, names, multi-output)', () => {
    const a = input({ shape: [3], name: 'left' });
    const b = input({ shape: [3], name: 'right' });
    const shared = dense({ units: 2, name: 'twin' });
    const out1 = dense({ units: 1, name: 'o1' }).apply(shared.apply(a));
    const out2 = dense({ units: 1, name: 'o2' }).apply(shared.apply(b));
    const m = model({ inputs: [a, b], outputs: [sym(out1), sym(out2)], name: 'siamese' });
    const json = JSON.parse(JSON.stringify(m));
    assert.equal(json.className, 'Functional');
    const twin = json.config.layers.find((l: { name: string }) => l.name === 'twin');
    assert.deepEqual(twin.inboundNodes, [[['left', 0, 0]], [['right', 0, 0]]]);
    const copy = Model.fromConfig(json.config);
    assert.equal(copy.name, 'siamese');
    assert.deepEqual(
      copy.layers.map((l) => l.name),
      m.layers.map((l) => l.name),
    );
    assert.equal(copy.getLayer('twin').inboundNodes.length, 2);
    copy.setWeights(m.getWeights());
    const x1 = randomNormal([2, 3], { seed: 1 });
    const x2 = randomNormal([2, 3], { seed: 2 });
    const p = m.predict([x1, x2]) as Tensor[];
    const q = copy.predict([x1, x2]) as Tensor[];
    p.forEach((t, i) => close(t.dataSync(), q[i]!.dataSync()));
    assert.equal(modelFromJSON(json).name, 'siamese');
  });

  it('frees every intermediate when called inside tidy', () => {
    const inp = input({ shape: [2] });
    const m = model({ inputs: inp, outputs: dense({ units: 2, activation: 'relu' }).apply(inp) });
    const x = tensor([[1, 2]]);
    (m.predict(x) as Tensor).dispose();
    const before = memory().numTensors;
    tidy(() => {
      m.apply(x);
    });
    assert.equal(memory().numTensors, before);
  });
});
