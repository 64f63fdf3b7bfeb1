import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { SGD } from '../sgd.js';
import {
  cosineDecay,
  exponentialDecay,
  getSchedule,
  inverseTimeDecay,
  piecewiseConstantDecay,
  polynomialDecay,
  registerSchedule,
  serializeSchedule,
  type LearningRateSchedule,
} from './index.js';

function assertSchedule(s: LearningRateSchedule, table: Array<[number, number]>): void {
  for (const [step, lr] of table) {
    const got = s.call(step);
    assert.ok(Math.abs(got - lr) <= 1e-12, `${s.className} at step ${step}: ${got} vs ${lr}`);
  }
}

describe('learning-rate schedules (Keras 3 formulas)', () => {
  it('exponentialDecay: r₀ · rate^(step / decaySteps), floored with staircase', () => {
    const config = { initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 };
    assertSchedule(exponentialDecay(config), [
      [0, 0.1],
      [500, 0.1 * Math.sqrt(0.96)], // 0.0979795897
      [1000, 0.096],
      [2500, 0.1 * 0.96 ** 2.5],
    ]);
    assertSchedule(exponentialDecay({ ...config, staircase: true }), [
      [0, 0.1],
      [999, 0.1],
      [1000, 0.096],
      [2500, 0.09216], // 0.1 · 0.96²
    ]);
  });

  it('piecewiseConstantDecay: values[i] on (boundaries[i−1], boundaries[i]]', () => {
    const s = piecewiseConstantDecay({ boundaries: [100000, 110000], values: [1, 0.5, 0.1] });
    assertSchedule(s, [
      [0, 1],
      [100000, 1],
      [100001, 0.5],
      [110000, 0.5],
      [110001, 0.1],
      [1e9, 0.1],
    ]);
  });

  it('polynomialDecay: (r₀ − end)(1 − s/D)^power + end, optionally cycling', () => {
    const config = {
      initialLearningRate: 0.1,
      decaySteps: 10000,
      endLearningRate: 0.01,
      power: 0.5,
    };
    assertSchedule(polynomialDecay(config), [
      [0, 0.1],
      [2500, 0.09 * Math.sqrt(0.75) + 0.01], // 0.0879422863
      [10000, 0.01],
      [20000, 0.01],
    ]);
    assertSchedule(polynomialDecay({ ...config, cycle: true }), [
      [0, 0.1],
      [10000, 0.01],
      [15000, 0.09 * Math.sqrt(0.25) + 0.01], // D = 20000: 0.055
      [20000, 0.01],
    ]);
    // Keras's default end rate and power: linear to 1e-4.
    assertSchedule(polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100 }), [
      [50, (0.1 - 0.0001) * 0.5 + 0.0001],
    ]);
  });

  it('cosineDecay: ½(1 + cos(π s/D)) scaled between alpha and 1', () => {
    assertSchedule(cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 }), [
      [0, 0.1],
      [250, 0.05 * (1 + Math.SQRT1_2)], // 0.0853553391
      [500, 0.05],
      [1000, 0],
      [2000, 0],
    ]);
    assertSchedule(cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1 }), [
      [500, 0.1 * (0.9 * 0.5 + 0.1)], // 0.055
      [1000, 0.01],
    ]);
  });

  it('cosineDecay with warmup: linear from r₀ to warmupTarget, then the cosine from there', () => {
    const s = cosineDecay({
      initialLearningRate: 0.01,
      decaySteps: 1000,
      warmupTarget: 0.1,
      warmupSteps: 100,
    });
    assertSchedule(s, [
      [0, 0.01],
      [50, 0.055], // 0.01 + 0.09 · 50/100
      [100, 0.1],
      [600, 0.05],
      [1100, 0],
      [5000, 0],
    ]);
  });

  it('inverseTimeDecay: r₀ / (1 + rate · step / decaySteps)', () => {
    const config = { initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 };
    assertSchedule(inverseTimeDecay(config), [
      [0, 0.1],
      [2, 0.1 / 1.5],
      [3, 0.1 / 1.75],
    ]);
    assertSchedule(inverseTimeDecay({ ...config, staircase: true }), [
      [1, 0.1],
      [3, 0.1 / 1.5],
    ]);
  });

  it('drives an optimizer: step k uses lr(k), and the optimizer reports it', () => {
    const schedule = piecewiseConstantDecay({ boundaries: [0, 1], values: [1, 0.5, 0.25] });
    const w = tensor([0], { dtype: 'float64' });
    const opt = new SGD({ learningRate: schedule });
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push(opt.learningRate);
      opt.applyGradients([[tensor([1], { dtype: 'float64' }), w]]);
    }
    assert.deepEqual(seen, [1, 0.5, 0.25]);
    assert.equal(w.item(), -1.75);
    assert.throws(() => {
      opt.learningRate = 0.1;
    }, /schedule PiecewiseConstantDecay; it cannot be set to a number/);
    opt.learningRate = exponentialDecay({ initialLearningRate: 2, decaySteps: 1, decayRate: 0.5 });
    assert.equal(opt.learningRate, 2 * 0.5 ** 3);
  });

  it('serialises to {className, config} and back', () => {
    const all: LearningRateSchedule[] = [
      exponentialDecay({ initialLearningRate: 1, decaySteps: 3, decayRate: 0.9, staircase: true }),
      piecewiseConstantDecay({ boundaries: [5], values: [0.1, 0.01] }),
      polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, cycle: true }),
      cosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 3 }),
      inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 2 }),
    ];
    for (const s of all) {
      const copy = getSchedule(JSON.parse(JSON.stringify(serializeSchedule(s))));
      assert.equal(copy.className, s.className);
      for (const step of [0, 1, 4, 7, 12, 40]) assert.equal(copy.call(step), s.call(step));
    }
    registerSchedule('Halving', () => ({
      className: 'Halving',
      call: (step: number) => 0.5 ** step,
      getConfig: () => ({}),
    }));
    assert.equal(getSchedule({ className: 'Halving', config: {} }).call(3), 0.125);
    assert.throws(() => getSchedule({ className: 'Nope', config: {} }), /unknown schedule 'Nope'/);
  });

  it('rejects bad options at construction', () => {
    assert.throws(
      () => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 }),
      /ExponentialDecay: decaySteps must be in \(0, ∞\), got 0/,
    );
    assert.throws(
      () => piecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }),
      /values must have one more entry than boundaries/,
    );
    assert.throws(
      () => piecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] }),
      /boundaries must increase strictly/,
    );
    assert.throws(
      () => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 2 }),
      /alpha must be in \[0, 1\]/,
    );
    assert.throws(
      () => polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, powr: 2 } as never),
      /unknown option 'powr'/,
    );
  });
});
