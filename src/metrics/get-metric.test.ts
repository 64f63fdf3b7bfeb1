/** Metrics by name, function and serialised config; no tensor outlives `updateState`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memory, tensor, tidy, type Tensor } from '../tensor/index.js';
import {
  AUC,
  Accuracy,
  F1Score,
  Metric,
  Precision,
  TopKCategoricalAccuracy,
  getMetric,
  registerMetric,
  serializeMetric,
} from './index.js';

test('getMetric resolves names and keeps the name as written', () => {
  const cases: [string, string, string][] = [
    ['binaryAccuracy', 'BinaryAccuracy', 'binaryAccuracy'],
    ['binary_accuracy', 'BinaryAccuracy', 'binary_accuracy'],
    ['BinaryAccuracy', 'BinaryAccuracy', 'binaryAccuracy'],
    ['categoricalAccuracy', 'CategoricalAccuracy', 'categoricalAccuracy'],
    ['sparse_categorical_accuracy', 'SparseCategoricalAccuracy', 'sparse_categorical_accuracy'],
    ['topKCategoricalAccuracy', 'TopKCategoricalAccuracy', 'topKCategoricalAccuracy'],
    ['precision', 'Precision', 'precision'],
    ['recall', 'Recall', 'recall'],
    ['auc', 'AUC', 'auc'],
    ['AUC', 'AUC', 'auc'],
    ['f1Score', 'F1Score', 'f1Score'],
    ['F1Score', 'F1Score', 'f1Score'],
    ['mse', 'MeanSquaredError', 'mse'],
    ['mae', 'MeanAbsoluteError', 'mae'],
    ['rootMeanSquaredError', 'RootMeanSquaredError', 'rootMeanSquaredError'],
    ['acc', 'Accuracy', 'acc'],
    ['accuracy', 'Accuracy', 'accuracy'],
    ['mean', 'Mean', 'mean'],
  ];
  for (const [id, className, name] of cases) {
    const m = getMetric(id);
    assert.ok(m instanceof Metric);
    assert.equal(m.className, className, id);
    assert.equal(m.name, name, id);
  }
  const context = { lossName: 'sparseCategoricalCrossentropy', outputShape: [10] };
  const acc = getMetric('accuracy', context);
  assert.equal((acc as Accuracy).kind, 'sparse');
  assert.throws(() => getMetric('accuracyy'), /unknown metric 'accuracyy' \(known: accuracy, acc/);
});

test('getMetric returns a Metric as is and wraps a function', () => {
  const p = new Precision();
  assert.equal(getMetric(p), p);
  const m = getMetric(function meanPrediction(_t: Tensor, y: Tensor) {
    return y;
  });
  assert.equal(m.name, 'meanPrediction');
  m.updateState(tensor([0, 0]), tensor([2, 4]));
  assert.equal(m.result(), 3);
});

test('serializeMetric and getMetric round-trip options', () => {
  const metrics: Metric[] = [
    new AUC({ numThresholds: 50, summationMethod: 'majoring', name: 'roc' }),
    new AUC({ thresholds: [0.2, 0.6] }),
    new F1Score({ average: 'weighted', threshold: 0.3 }),
    new Precision({ thresholds: 0.7, classId: 1 }),
    new TopKCategoricalAccuracy({ k: 3 }),
  ];
  for (const metric of metrics) {
    const restored = getMetric(JSON.parse(JSON.stringify(serializeMetric(metric))));
    assert.equal(restored.className, metric.className);
    const json = (m: Metric): unknown => JSON.parse(JSON.stringify(m.getConfig()));
    assert.deepEqual(json(restored), json(metric));
  }
  const config = { name: 'f1_score', average: 'micro', threshold: 0.5 };
  const keras = getMetric({ class_name: 'F1Score', config } as never);
  assert.equal((keras as F1Score).average, 'micro');
});

test('registerMetric makes custom metric functions loadable', () => {
  registerMetric('meanAbsolutePrediction', () => (_t: Tensor, y: Tensor) => y.abs());
  const m = getMetric('meanAbsolutePrediction');
  m.updateState(tensor([0, 0]), tensor([-2, 4]));
  assert.equal(m.result(), 3);
  const restored = getMetric(JSON.parse(JSON.stringify(serializeMetric(m))));
  assert.equal(restored.name, 'meanAbsolutePrediction');
});

test('no metric leaves a tensor behind after updateState', () => {
  const yTrue = tensor([[0, 1, 0], [1, 0, 0]]);
  const yPred = tensor([[0.2, 0.7, 0.1], [0.4, 0.5, 0.1]]);
  const weights = tensor([1, 2]);
  const labels = tensor([1, 0]);
  const names = [
    'accuracy', 'binaryAccuracy', 'categoricalAccuracy', 'topKCategoricalAccuracy', 'precision',
    'recall', 'auc', 'f1Score', 'mse', 'mae', 'rootMeanSquaredError',
  ];
  const custom = getMetric((t: Tensor, p: Tensor) => tidy(() => p.sub(t).square().sum(-1)));
  const before = memory().numTensors;
  for (const name of names) {
    const m = getMetric(name, { lossName: 'categoricalCrossentropy' });
    m.updateState(yTrue, yPred, weights);
    assert.ok(Number.isFinite(m.result()), name);
  }
  custom.updateState(yTrue, yPred);
  getMetric('sparseCategoricalAccuracy').updateState(labels, yPred, weights);
  assert.equal(memory().numTensors, before);
});
