/** Losses by name, function and serialised config. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, tidy, type Tensor } from '../tensor/index.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Huber,
  KLDivergence,
  Loss,
  LossFunctionWrapper,
  MeanSquaredError,
  getLoss,
  mse,
  registerLoss,
  serializeLoss,
  categoricalCrossentropy,
} from './index.js';

test('getLoss accepts camelCase names, Keras class names, snake_case and aliases', () => {
  const expectations: [string, string][] = [
    ['categoricalCrossentropy', 'CategoricalCrossentropy'],
    ['CategoricalCrossentropy', 'CategoricalCrossentropy'],
    ['categorical_crossentropy', 'CategoricalCrossentropy'],
    ['mse', 'MeanSquaredError'],
    ['MSE', 'MeanSquaredError'],
    ['mae', 'MeanAbsoluteError'],
    ['mape', 'MeanAbsolutePercentageError'],
    ['msle', 'MeanSquaredLogarithmicError'],
    ['kld', 'KLDivergence'],
    ['kl_divergence', 'KLDivergence'],
    ['kullbackLeiblerDivergence', 'KLDivergence'],
    ['logcosh', 'LogCosh'],
    ['huber_loss', 'Huber'],
    ['sparseCategoricalCrossentropy', 'SparseCategoricalCrossentropy'],
    ['binary_crossentropy', 'BinaryCrossentropy'],
    ['cosine_similarity', 'CosineSimilarity'],
    ['poisson', 'Poisson'],
    ['hinge', 'Hinge'],
    ['squared_hinge', 'SquaredHinge'],
    ['categorical_hinge', 'CategoricalHinge'],
  ];
  for (const [name, className] of expectations) {
    const loss = getLoss(name);
    assert.ok(loss instanceof Loss);
    assert.equal(loss.className, className, name);
  }
  assert.equal(getLoss('categoricalCrossentropy').name, 'categoricalCrossentropy');
  assert.equal(getLoss('kld').name, 'kullbackLeiblerDivergence');
});

test('getLoss returns a Loss as is and wraps a plain function', () => {
  const loss = new Huber({ delta: 2 });
  assert.equal(getLoss(loss), loss);
  function l1(yTrue: Tensor, yPred: Tensor): Tensor {
    return yPred.sub(yTrue).abs().sum(-1);
  }
  const wrapped = getLoss(l1);
  assert.ok(wrapped instanceof LossFunctionWrapper);
  assert.equal(wrapped.name, 'l1');
  tidy(() => {
    const value = wrapped.call(tensor([[0, 0], [1, 1]]), tensor([[1, -2], [1, 0]]), tensor([1, 3]));
    assert.equal(value.item(), (3 * 1 + 1 * 3) / 2);
  });
});

test('an unknown name lists the known ones', () => {
  assert.throws(
    () => getLoss('meanSquaredErr'),
    (e: Error) => e.name === 'NablaError' && /unknown loss 'meanSquaredErr'.*mse/.test(e.message),
  );
});

test('serializeLoss and getLoss round-trip every option', () => {
  const losses: Loss[] = [
    new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1, axis: 1 }),
    new BinaryCrossentropy({ labelSmoothing: 0.2, reduction: 'sum', name: 'bce' }),
    new Huber({ delta: 0.25 }),
    new KLDivergence(),
  ];
  for (const loss of losses) {
    const stored = JSON.parse(JSON.stringify(serializeLoss(loss)));
    const restored = getLoss(stored);
    assert.equal(restored.className, loss.className);
    assert.deepEqual(restored.getConfig(), loss.getConfig());
  }
  assert.deepEqual(serializeLoss(new Huber({ delta: 3 })), {
    className: 'Huber',
    config: { name: 'huber', reduction: 'sumOverBatchSize', delta: 3 },
  });
});

test("getLoss reads Keras's own serialised form", () => {
  const loss = getLoss({
    class_name: 'CategoricalCrossentropy',
    config: {
      name: 'categorical_crossentropy',
      reduction: 'sum_over_batch_size',
      from_logits: true,
      label_smoothing: 0.05,
      axis: -1,
    },
  } as never) as CategoricalCrossentropy;
  assert.ok(loss instanceof CategoricalCrossentropy);
  assert.equal(loss.fromLogits, true);
  assert.equal(loss.labelSmoothing, 0.05);
  assert.equal(loss.reduction, 'sumOverBatchSize');
  const none = getLoss({ className: 'MeanSquaredError', config: { reduction: null } });
  assert.equal(none.reduction, 'none');
});

test('registerLoss makes custom losses and wrapped functions loadable', () => {
  const scaled = (yTrue: Tensor, yPred: Tensor): Tensor => yPred.sub(yTrue).square().sum(-1);
  registerLoss('sumOfSquares', () => scaled);
  const loss = getLoss('sumOfSquares');
  assert.equal(loss.name, 'sumOfSquares');
  const restored = getLoss(JSON.parse(JSON.stringify(serializeLoss(loss))));
  tidy(() => {
    assert.equal(restored.call(tensor([[0, 0]]), tensor([[1, 2]])).item(), 5);
  });
});

test('factories build the classes, aliases included', () => {
  assert.ok(mse() instanceof MeanSquaredError);
  assert.ok(categoricalCrossentropy({ fromLogits: true }).fromLogits);
  assert.throws(() => categoricalCrossentropy({ labelSmoothing: 1.5 }), /labelSmoothing must be/);
  assert.throws(() => new Huber({ delta: -1 }), /delta/);
  assert.throws(() => new MeanSquaredError({ reduction: 'avg' as never }), /reduction 'avg'/);
});
