import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setSeed } from '../core/random.js';
import { randomNormal, tensor, type Tensor } from '../tensor/index.js';
import { dense } from '../nn/layers/dense.js';
import { sgd } from '../optimizers/index.js';
import { sequential } from '../models/sequential.js';
import type { Model } from '../models/model.js';
import { Callback, type Logs } from './callback.js';
import { EarlyStopping } from './early-stopping.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { learningRateScheduler } from './learning-rate-scheduler.js';
import { csvLogger } from './csv-logger.js';
import { TerminateOnNaN } from './terminate-on-nan.js';
import { ProgbarLogger } from './progbar-logger.js';
import { lambdaCallback } from './lambda-callback.js';

/** A stand-in model: weights are one number per "epoch state", the optimizer a learning rate. */
function fakeModel() {
  const state = { weight: 0, restored: null as number | null, lr: 1 };
  const model = {
    stopTraining: false,
    getWeights: () => [tensor([state.weight])],
    setWeights: (w: Tensor[]) => void (state.restored = w[0]!.item()),
    optimizer: {
      get learningRate() {
        return state.lr;
      },
      set learningRate(v: number) {
        state.lr = v;
      },
    },
  };
  return { state, model: model as unknown as Model };
}

/** Feeds `values` of `key` to the callback, one epoch each; returns the epoch it stopped at. */
function run(
  cb: Callback,
  key: string,
  values: number[],
  state?: { weight: number },
): number | null {
  cb.onTrainBegin?.({});
  for (let epoch = 0; epoch < values.length; epoch++) {
    if (state) state.weight = epoch;
    cb.onEpochEnd?.(epoch, { [key]: values[epoch]! });
    if (cb.model!.stopTraining) {
      cb.onTrainEnd?.({});
      return epoch;
    }
  }
  cb.onTrainEnd?.({});
  return null;
}

function smallModel(): Model {
  setSeed(1);
  const m = sequential([
    dense({ units: 4, activation: 'relu', inputShape: [3] }),
    dense({ units: 1 }),
  ]);
  m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
  return m;
}

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement', () => {
    const { model } = fakeModel();
    const cb = new EarlyStopping({ patience: 2 });
    cb.setModel(model);
    assert.equal(run(cb, 'val_loss', [1, 0.8, 0.9, 0.85, 0.7]), 3);
    assert.equal(cb.best, 0.8);
    assert.equal(cb.stoppedEpoch, 3);
  });

  it('needs more than minDelta to improve; maximises accuracy in auto mode', () => {
    const { model } = fakeModel();
    const cb = new EarlyStopping({ monitor: 'val_loss', minDelta: 0.1, patience: 1 });
    cb.setModel(model);
    assert.equal(run(cb, 'val_loss', [1, 0.95, 0.5]), 1);
    const acc = new EarlyStopping({ monitor: 'val_accuracy', patience: 1 });
    acc.setModel(fakeModel().model);
    assert.equal(run(acc, 'val_accuracy', [0.5, 0.6, 0.7, 0.65]), 3);
  });

  it('restores the best weights, and respects baseline and startFromEpoch', () => {
    const { model, state } = fakeModel();
    const cb = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    cb.setModel(model);
    assert.equal(run(cb, 'val_loss', [3, 1, 2, 2.5], state), 3);
    assert.equal(state.restored, 1, 'weights of epoch 1');
    // As in Keras, an epoch that does not beat the baseline does not restart the wait.
    const plain = new EarlyStopping({ patience: 2 });
    plain.setModel(fakeModel().model);
    assert.equal(run(plain, 'val_loss', [0.9, 0.95, 0.97, 0.99]), 2);
    const base = new EarlyStopping({ patience: 2, baseline: 0.5 });
    base.setModel(fakeModel().model);
    assert.equal(run(base, 'val_loss', [0.9, 0.95, 0.97, 0.99]), 1);
    const late = new EarlyStopping({ patience: 0, startFromEpoch: 3 });
    late.setModel(fakeModel().model);
    assert.equal(run(late, 'val_loss', [1, 2, 3, 4, 5]), 4);
  });

  it('stops a real fit', async () => {
    const m = smallModel();
    const x = randomNormal([8, 3], { seed: 1 });
    const cb = new EarlyStopping({ monitor: 'loss', patience: 0, minDelta: 1e9 });
    const history = await m.fit(x, randomNormal([8, 1], { seed: 2 }), {
      epochs: 10,
      verbose: 0,
      callbacks: [cb],
    });
    assert.equal(history.epoch.length, 2);
  });
});

describe('ReduceLROnPlateau', () => {
  it('multiplies the learning rate by factor after patience, with cooldown and minLr', () => {
    const { model, state } = fakeModel();
    const cb = new ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.2 });
    cb.setModel(model);
    const lrs: number[] = [];
    cb.onTrainBegin();
    [1, 1, 1, 1, 1, 1, 1, 1].forEach((v, epoch) => {
      const logs: Logs = { val_loss: v };
      cb.onEpochEnd(epoch, logs);
      lrs.push(state.lr);
      assert.equal(logs['learning_rate'] !== undefined, true);
    });
    // Keras's order: the cooldown counter drops before the wait counts, so cooldown 1 costs none.
    assert.deepEqual(lrs, [1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2]);
    const slow = new ReduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 2 });
    const fake = fakeModel();
    slow.setModel(fake.model);
    slow.onTrainBegin();
    const slowLrs = [1, 1, 1, 1, 1, 1].map((v, epoch) => {
      slow.onEpochEnd(epoch, { val_loss: v });
      return fake.state.lr;
    });
    assert.deepEqual(slowLrs, [1, 0.5, 0.5, 0.25, 0.25, 0.125]);
  });

  it('rejects a factor ≥ 1', () => {
    assert.throws(() => new ReduceLROnPlateau({ factor: 1 }), /factor/);
  });
});

describe('other callbacks', () => {
  it('learningRateScheduler sets the rate each epoch and logs it', async () => {
    const m = smallModel();
    const history = await m.fit(randomNormal([4, 3]), randomNormal([4, 1]), {
      epochs: 3,
      verbose: 0,
      callbacks: [learningRateScheduler((epoch) => 0.1 / (epoch + 1))],
    });
    assert.deepEqual(
      history.history['learning_rate']!.map((v) => Number(v.toFixed(6))),
      [0.1, 0.05, 0.033333],
    );
    assert.ok(Math.abs(m.optimizer!.learningRate - 0.1 / 3) < 1e-9);
  });

  it('csvLogger writes a header and one row per epoch; append adds rows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nabla-csv-')), 'log.csv');
    const m = smallModel();
    const x = randomNormal([4, 3]);
    const y = randomNormal([4, 1]);
    await m.fit(x, y, { epochs: 2, verbose: 0, callbacks: [csvLogger(file)] });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'epoch,loss');
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /^1,\d+\.\d+/);
    await m.fit(x, y, { epochs: 1, verbose: 0, callbacks: [csvLogger(file, { append: true })] });
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 4);
    writeFileSync(file, 'old\n');
    await m.fit(x, y, { epochs: 1, verbose: 0, callbacks: [csvLogger(file, { separator: ';' })] });
    assert.equal(readFileSync(file, 'utf8'), readFileSync(file, 'utf8').replace('old', ''));
    assert.match(readFileSync(file, 'utf8'), /^epoch;loss\n0;/);
  });

  it('terminateOnNaN stops after the first batch with a NaN loss', async () => {
    const m = smallModel();
    m.compile({
      optimizer: 'sgd',
      loss: (yTrue: Tensor, yPred: Tensor) => yPred.sub(yTrue).square().mean(-1).mul(NaN),
    });
    let batches = 0;
    const lines: string[] = [];
    await m.fit(randomNormal([8, 3]), randomNormal([8, 1]), {
      epochs: 3,
      batchSize: 2,
      verbose: 0,
      callbacks: [
        new TerminateOnNaN((s) => lines.push(s)),
        lambdaCallback({ onBatchEnd: () => void batches++ }),
      ],
    });
    assert.equal(batches, 1);
    assert.deepEqual(lines, ['Batch 0: Invalid loss, terminating training']);
  });

  it('hooks run in order, with the model attached, and async hooks are awaited', async () => {
    const m = smallModel();
    const events: string[] = [];
    class Recorder extends Callback {
      override onTrainBegin(): void {
        events.push(`train ${this.model === m} ${this.params.epochs} ${this.params.steps}`);
      }
      override onEpochBegin(e: number): void {
        events.push(`epoch ${e}`);
      }
      override onBatchEnd(b: number, logs: Logs): void {
        events.push(`batch ${b} ${typeof logs['loss']}`);
      }
      override async onEpochEnd(e: number): Promise<void> {
        await new Promise((r) => setTimeout(r, 5));
        events.push(`end ${e}`);
      }
      override onTrainEnd(): void {
        events.push('done');
      }
    }
    await m.fit(randomNormal([4, 3]), randomNormal([4, 1]), {
      epochs: 2,
      batchSize: 2,
      verbose: 0,
      shuffle: false,
      callbacks: [new Recorder()],
    });
    assert.deepEqual(events, [
      'train true 2 2',
      'epoch 0',
      'batch 0 number',
      'batch 1 number',
      'end 0',
      'epoch 1',
      'batch 0 number',
      'batch 1 number',
      'end 1',
      'done',
    ]);
  });

  it('progbar prints one line per epoch off a terminal, and redraws in place on one', () => {
    let out = '';
    const bar = new ProgbarLogger({ verbose: 1, isTTY: false, write: (s) => void (out += s) });
    bar.setParams({ epochs: 2, steps: 3, verbose: 1 });
    bar.onEpochBegin(0);
    for (let b = 0; b < 3; b++) bar.onBatchEnd(b, { loss: 0.5 });
    bar.onEpochEnd(0, { loss: 0.5, val_loss: 0.25 });
    assert.match(
      out,
      /^Epoch 1\/2\n3\/3 - \d+s - \d+(us|ms)\/step - loss: 0\.5000 - val_loss: 0\.2500\n$/,
    );
    out = '';
    const live = new ProgbarLogger({ verbose: 1, isTTY: true, write: (s) => void (out += s) });
    live.setParams({ epochs: 1, steps: 10, verbose: 1 });
    live.onEpochBegin(0);
    live.onEpochEnd(0, { loss: 1e-5 });
    assert.match(out, /^\r10\/10 \S*━+\S* \d+s \d+(us|ms|s)\/step - loss: 1\.0000e-5\n$/);
  });
});
