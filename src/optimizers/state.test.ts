/** Saving and restoring optimizers: exact resumption from `getWeights`, and config round trips. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomNormal, tensor, type Tensor } from '../tensor/index.js';
import {
  getOptimizer,
  Optimizer,
  registerOptimizer,
  schedules,
  serializeOptimizer,
  SGD,
  type OptimizerConfig,
} from './index.js';

function makeVariables(): Tensor[] {
  const kernel = randomNormal([4, 3], { seed: 1 });
  const bias = randomNormal([3], { seed: 2 });
  kernel.name = 'dense/kernel';
  bias.name = 'dense/bias';
  return [kernel, bias];
}

function stepWith(optimizer: Optimizer, variables: Tensor[], step: number): void {
  const grads = variables.map((v, i) => randomNormal(v.shape, { seed: 1000 + 10 * step + i }));
  optimizer.applyGradients(grads.map((g, i): [Tensor, Tensor] => [g, variables[i]!]));
  for (const g of grads) g.dispose();
}

const CONFIGS: Array<[string, Record<string, unknown>]> = [
  ['sgd', { momentum: 0.9, nesterov: true }],
  ['adam', { learningRate: 0.01 }],
  ['adam', { learningRate: 0.01, amsgrad: true }],
  ['adamw', { learningRate: 0.01, weightDecay: 0.1 }],
  ['rmsprop', { momentum: 0.5, centered: true }],
  ['adagrad', { learningRate: 0.1 }],
  ['adadelta', { learningRate: 1 }],
  ['adamax', {}],
  ['nadam', { learningRate: 0.01 }],
  [
    'adam',
    {
      learningRate: {
        className: 'CosineDecay',
        config: { initialLearningRate: 0.01, decaySteps: 4 },
      },
    },
  ],
];

describe('optimizer state', () => {
  for (const [name, config] of CONFIGS) {
    const title = `${name} ${JSON.stringify(config)}`;
    it(`${title}: 3 steps + save + restore + 2 steps = 5 steps, exactly`, () => {
      const straight = makeVariables();
      const reference = getOptimizer({ className: name, config });
      for (let s = 0; s < 5; s++) stepWith(reference, straight, s);

      const resumed = makeVariables();
      const first = getOptimizer({ className: name, config });
      for (let s = 0; s < 3; s++) stepWith(first, resumed, s);
      const saved = first.getWeights();
      first.dispose();
      const second = getOptimizer(serializeOptimizer(first));
      second.setWeights(saved, resumed);
      assert.equal(second.iterations, 3);
      for (let s = 3; s < 5; s++) stepWith(second, resumed, s);

      resumed.forEach((v, i) => assert.deepEqual(v.dataSync(), straight[i]!.dataSync()));
      assert.notDeepEqual(resumed[0]!.dataSync(), makeVariables()[0]!.dataSync());
    });
  }

  it('lists its state in Keras order, with names derived from the variables', () => {
    const variables = makeVariables();
    const opt = getOptimizer('adam');
    stepWith(opt, variables, 0);
    assert.deepEqual(
      opt.getWeights().map((w) => w.name),
      [
        'iteration',
        'learningRate',
        'dense_kernel_momentum',
        'dense_bias_momentum',
        'dense_kernel_velocity',
        'dense_bias_velocity',
      ],
    );
    const nadam = getOptimizer('nadam');
    stepWith(nadam, variables, 0);
    const names = nadam.getWeights().map((w) => w.name);
    assert.equal(names[names.length - 1], 'uProduct');
  });

  it('restores the learning rate a callback changed', () => {
    const opt = new SGD({ learningRate: 0.1 });
    const variables = makeVariables();
    stepWith(opt, variables, 0);
    opt.learningRate = 0.025;
    const fresh = new SGD({ learningRate: 0.1 });
    fresh.setWeights(opt.getWeights(), variables);
    assert.equal(fresh.learningRate, 0.025);
  });

  it('rejects state of the wrong length or shape', () => {
    const variables = makeVariables();
    const opt = getOptimizer('adam');
    stepWith(opt, variables, 0);
    const saved = opt.getWeights();
    assert.throws(
      () => getOptimizer('adam').setWeights(saved.slice(0, 4), variables),
      /Adam.setWeights: expected 6 weights \(iteration, learningRate, dense_kernel_momentum/,
    );
    const target = getOptimizer('adam');
    assert.throws(
      () => target.setWeights(saved, [variables[1]!, variables[0]!]),
      /weight 2 \('dense_bias_momentum'\) has shape \[3\], got \[4,3\]/,
    );
    assert.equal(target.iterations, 0, 'nothing is written when a check fails');
  });

  it('resolves names in any case, instances, and {className, config}', () => {
    assert.equal(getOptimizer('adam').className, 'Adam');
    assert.equal(getOptimizer('Adam').className, 'Adam');
    assert.equal(getOptimizer('SGD').className, 'SGD');
    assert.equal(getOptimizer('rmsprop').className, 'RMSprop');
    assert.equal(getOptimizer('adamW').className, 'AdamW');
    const sgd = new SGD();
    assert.equal(getOptimizer(sgd), sgd);
    assert.throws(
      () => getOptimizer('adma'),
      /getOptimizer: unknown optimizer 'adma' \(known: sgd, adam/,
    );
    assert.throws(
      () => getOptimizer(42 as never),
      /expected a name, an Optimizer or \{className, config\}/,
    );
  });

  it('round-trips every option through JSON', () => {
    const original = getOptimizer({
      className: 'RMSprop',
      config: {
        learningRate: schedules.exponentialDecay({
          initialLearningRate: 0.1,
          decaySteps: 3,
          decayRate: 0.5,
        }),
        rho: 0.8,
        momentum: 0.2,
        centered: true,
        clipNorm: 2,
        weightDecay: 0.01,
      },
    });
    const json = JSON.parse(JSON.stringify(serializeOptimizer(original)));
    assert.deepEqual(json, {
      className: 'RMSprop',
      config: {
        learningRate: {
          className: 'ExponentialDecay',
          config: { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, staircase: false },
        },
        weightDecay: 0.01,
        clipNorm: 2,
        globalClipNorm: null,
        clipValue: null,
        rho: 0.8,
        momentum: 0.2,
        epsilon: 1e-7,
        centered: true,
      },
    });
    const copy = getOptimizer(json);
    assert.deepEqual(serializeOptimizer(copy), json);
    const a = makeVariables();
    const b = makeVariables();
    for (let s = 0; s < 4; s++) {
      stepWith(original, a, s);
      stepWith(copy, b, s);
    }
    assert.deepEqual(a[0]!.dataSync(), b[0]!.dataSync());
  });

  it('accepts custom optimizers: build + updateStep on the base class, registered by name', () => {
    /** signSGD: w ← w − lr · sign(g). */
    class SignSGD extends Optimizer {
      constructor(config: OptimizerConfig = {}) {
        super('SignSGD', config, 0.01, []);
      }
      protected build(): Tensor[] {
        return [];
      }
      protected updateStep(g: Tensor, w: Tensor, _slots: Tensor[], lr: number): void {
        w.assign(w.sub(g.sign().mul(lr)));
      }
    }
    registerOptimizer('SignSGD', (c) => new SignSGD(c));
    const opt = getOptimizer({ className: 'SignSGD', config: { learningRate: 0.5, clipValue: 1 } });
    const w = tensor([1, 1, 1]);
    opt.applyGradients([[tensor([3, -0.1, 0]), w]]);
    assert.deepEqual(Array.from(w.dataSync()), [0.5, 1.5, 1]);
    assert.throws(
      () => new SignSGD({ momentum: 0.9 } as never),
      /SignSGD: unknown option 'momentum'/,
    );
  });
});
