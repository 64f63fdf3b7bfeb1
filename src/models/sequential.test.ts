import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setSeed } from '../core/random.js';
import { randomNormal, type Tensor } from '../tensor/index.js';
import { resetNames } from '../nn/layer.js';
import { dense, Dense } from '../nn/layers/dense.js';
import { inputLayer } from '../nn/layers/input-layer.js';
import { Sequential, sequential } from './sequential.js';
import { modelFromJSON } from './from-json.js';

describe('Sequential', () => {
  it('prints the summary Keras prints', () => {
    resetNames();
    const m = sequential([
      dense({ units: 3, activation: 'relu', inputShape: [4] }),
      dense({ units: 2, activation: 'softmax' }),
    ]);
    let printed = '';
    const text = m.summary({ printFn: (s) => void (printed = s) });
    assert.equal(printed, text);
    assert.equal(
      text,
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
        '│ dense (Dense)                   │ (None, 3)              │            15 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense_1 (Dense)                 │ (None, 2)              │             8 │',
        '└─────────────────────────────────┴────────────────────────┴───────────────┘',
        ' Total params: 23 (92.00 B)',
        ' Trainable params: 23 (92.00 B)',
        ' Non-trainable params: 0 (0.00 B)',
      ].join('\n'),
    );
  });

  it('counts thousands, frozen layers and optimizer state in the summary', async () => {
    resetNames();
    const m = sequential([dense({ units: 64, inputShape: [784] }), dense({ units: 10 })]);
    m.layers[1]!.trainable = false;
    const text = m.summary({ printFn: () => {} });
    assert.match(text, /│ dense \(Dense\) +│ \(None, 64\) +│ +50,240 │/);
    assert.match(
      text,
      / Total params: 50,890 \(198\.79 KB\)\n Trainable params: 50,240 \(196\.25 KB\)\n Non-trainable params: 650 \(2\.54 KB\)$/,
    );
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await m.fit(randomNormal([2, 784]), randomNormal([2, 10]), { verbose: 0 });
    assert.doesNotMatch(
      m.summary({ printFn: () => {} }),
      /Optimizer params/,
      'plain SGD has no slots',
    );
  });

  it('builds from inputShape, an InputLayer, build(), or the first data', () => {
    assert.ok(sequential([dense({ units: 2, inputShape: [3] })]).built);
    const withInput = new Sequential();
    withInput.add(inputLayer({ shape: [3] }));
    withInput.add(dense({ units: 2 }));
    assert.ok(withInput.built);
    assert.deepEqual(withInput.outputs[0]!.shape, [null, 2]);
    const manual = sequential([dense({ units: 2 })]);
    assert.ok(!manual.built);
    assert.throws(() => manual.inputs, /not built yet/);
    manual.build([null, 5]);
    assert.equal(manual.countParams(), 12);
    const lazy = sequential([dense({ units: 2 }), dense({ units: 1 })]);
    lazy.compile({ optimizer: 'sgd', loss: 'mse' });
    const p = lazy.predict(randomNormal([4, 7]));
    assert.deepEqual(p.shape, [4, 1]);
    assert.equal(lazy.countParams(), 7 * 2 + 2 + 3);
  });

  it('adds and pops layers, keeping names unique', () => {
    const m = sequential([dense({ units: 4, inputShape: [2], name: 'a' })]);
    m.add(dense({ units: 3, name: 'b' }));
    assert.deepEqual(m.outputs[0]!.shape, [null, 3]);
    assert.throws(() => m.add(dense({ units: 3, name: 'b' })), /already in the model/);
    const popped = m.pop();
    assert.equal(popped.name, 'b');
    assert.deepEqual(m.outputs[0]!.shape, [null, 4]);
    assert.deepEqual(
      m.layers.map((l) => l.name),
      ['a'],
    );
    assert.equal(m.getLayer(0).name, 'a');
    m.pop();
    assert.throws(() => m.pop(), /no layers/);
  });

  it('round-trips its config and JSON', () => {
    setSeed(3);
    const m = sequential(
      [
        dense({ units: 4, activation: 'relu', inputShape: [3] }),
        dense({ units: 2, activation: 'softmax' }),
      ],
      { name: 'clf' },
    );
    const json = JSON.parse(JSON.stringify(m));
    assert.equal(json.className, 'Sequential');
    assert.deepEqual(
      json.config.layers.map((l: { className: string }) => l.className),
      ['InputLayer', 'Dense', 'Dense'],
    );
    const copy = Sequential.fromConfig(json.config);
    assert.equal(copy.name, 'clf');
    assert.ok(copy.layers[0] instanceof Dense);
    assert.deepEqual(copy.outputs[0]!.shape, [null, 2]);
    copy.setWeights(m.getWeights());
    const x = randomNormal([5, 3], { seed: 1 });
    assert.deepEqual(Array.from(copy.predict(x).dataSync()), Array.from(m.predict(x).dataSync()));
    assert.ok(modelFromJSON(json) instanceof Sequential);
  });

  it('is a layer: nests inside another Sequential', () => {
    const inner = sequential([dense({ units: 3, inputShape: [2] })]);
    const outer = sequential([inner, dense({ units: 1 })]);
    assert.ok(outer.built);
    assert.deepEqual(outer.outputs[0]!.shape, [null, 1]);
    const y: Tensor = outer.predict(randomNormal([4, 2]));
    assert.deepEqual(y.shape, [4, 1]);
    assert.equal(outer.countParams(), 9 + 4);
  });
});
