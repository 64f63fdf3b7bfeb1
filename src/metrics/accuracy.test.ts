/** The accuracy metrics against hand-computed values (Keras's documented examples among them). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../tensor/index.js';
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  TopKCategoricalAccuracy,
  accuracyKindFromContext,
} from './index.js';

// Weights such as 0.7 arrive as float32, hence 1e-7.
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-7, `${a} vs ${b}`);

test('binaryAccuracy: threshold 0.5 (strict), weights, reset', () => {
  const m = new BinaryAccuracy();
  const yTrue = tensor([[1], [1], [0], [0]]);
  const yPred = tensor([[0.98], [1], [0], [0.6]]);
  m.updateState(yTrue, yPred);
  close(m.result(), 0.75);
  m.resetState();
  m.updateState(yTrue, yPred, tensor([1, 0, 0, 1]));
  close(m.result(), 0.5);
  m.resetState();
  m.updateState(tensor([1, 0]), tensor([[0.5], [0.5]]));
  close(m.result(), 0.5);
  const strict = new BinaryAccuracy({ threshold: 0.7 });
  strict.updateState(tensor([1, 1, 0]), tensor([0.7, 0.71, 0.2]));
  close(strict.result(), 2 / 3);
});

test('binaryAccuracy: multi-label rows average within the sample, then over samples', () => {
  const m = new BinaryAccuracy();
  // Row hits: [1, 1, 0] → 2/3 and [0, 1, 1] → 2/3; weights 3 and 1.
  const yPred = tensor([[0.9, 0.1, 0.2], [0.3, 0.4, 0.1]]);
  m.updateState(tensor([[1, 0, 1], [1, 0, 0]]), yPred, tensor([3, 1]));
  close(m.result(), 2 / 3);
  // A second batch accumulates: hits [1, 1, 1] with weight 2 → (2/3·4 + 1·2) / 6.
  m.updateState(tensor([[0, 0, 1]]), tensor([[0, 0, 1]]), tensor([2]));
  close(m.result(), (8 / 3 + 2) / 6);
});

test('categoricalAccuracy: first largest score, weights', () => {
  const m = new CategoricalAccuracy();
  const yTrue = tensor([[0, 0, 1], [0, 1, 0]]);
  const yPred = tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
  m.updateState(yTrue, yPred);
  close(m.result(), 0.5);
  m.resetState();
  m.updateState(yTrue, yPred, tensor([0.7, 0.3]));
  close(m.result(), 0.3);
  m.resetState();
  // A tie goes to the first index, as argmax: class 0, not the target 1.
  m.updateState(tensor([[0, 1, 0]]), tensor([[0.4, 0.4, 0.2]]));
  close(m.result(), 0);
  const message = /categoricalAccuracy: yTrue \[2\] and yPred \[2,3\]/;
  assert.throws(() => m.updateState(tensor([1, 2]), yPred), message);
});

test('sparseCategoricalAccuracy: labels [batch] or [batch, 1], weights', () => {
  const m = new SparseCategoricalAccuracy();
  const yPred = tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]);
  m.updateState(tensor([[2], [1]]), yPred);
  close(m.result(), 0.5);
  m.resetState();
  m.updateState(tensor([2, 1], { dtype: 'int32' }), yPred, tensor([0.7, 0.3]));
  close(m.result(), 0.3);
  assert.throws(
    () => m.updateState(tensor([2, 1, 0]), yPred),
    /sparseCategoricalAccuracy: yTrue \[3\] and yPred \[2,3\] do not fit: labels must be \[2\] or/,
  );
});

test('topKCategoricalAccuracy: k, ties counted in, weights', () => {
  const yTrue = tensor([[0, 0, 1], [0, 1, 0]]);
  const yPred = tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
  const top1 = new TopKCategoricalAccuracy({ k: 1 });
  top1.updateState(yTrue, yPred);
  close(top1.result(), 0.5);
  top1.resetState();
  top1.updateState(yTrue, yPred, tensor([0.7, 0.3]));
  close(top1.result(), 0.3);
  const top2 = new TopKCategoricalAccuracy({ k: 2 });
  top2.updateState(yTrue, yPred);
  close(top2.result(), 1);
  // Default k = 5 with 3 classes: always in the top 5.
  const top5 = new TopKCategoricalAccuracy();
  top5.updateState(yTrue, tensor([[0.9, 0.1, 0], [1, 0, 0]]));
  close(top5.result(), 1);
  // The target tied with the best score is in the top 1 (as in_top_k).
  const tied = new TopKCategoricalAccuracy({ k: 1 });
  tied.updateState(tensor([[0, 1, 0]]), tensor([[0.45, 0.45, 0.1]]));
  close(tied.result(), 1);
});

test("'accuracy' resolves from the loss, then the output shape, then the first batch", () => {
  const kind = (lossName: string, outputShape?: number[]) =>
    accuracyKindFromContext({ lossName, outputShape });
  assert.equal(kind('binaryCrossentropy', [3]), 'binary');
  assert.equal(kind('categoricalCrossentropy', [10]), 'categorical');
  assert.equal(kind('categorical_crossentropy'), 'categorical');
  assert.equal(kind('sparseCategoricalCrossentropy', [10]), 'sparse');
  assert.equal(kind('hinge'), 'binary');
  assert.equal(kind('meanSquaredError', [1]), 'binary');
  assert.equal(kind('meanSquaredError', [4]), null);

  const categorical = new Accuracy({}, { lossName: 'categoricalCrossentropy', outputShape: [3] });
  assert.equal(categorical.kind, 'categorical');
  const scores = tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
  categorical.updateState(tensor([[0, 0, 1], [0, 1, 0]]), scores);
  close(categorical.result(), 0.5);
  assert.equal(categorical.name, 'accuracy');

  const fromData = new Accuracy();
  assert.equal(fromData.kind, null);
  assert.equal(fromData.result(), 0);
  fromData.updateState(tensor([2, 1]), tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]));
  assert.equal(fromData.kind, 'sparse');
  close(fromData.result(), 0.5);

  const column = new Accuracy({ name: 'acc' });
  column.updateState(tensor([[1], [0]]), tensor([[0.3, 0.7], [0.8, 0.2]]));
  assert.equal(column.kind, 'sparse');
  const binary = new Accuracy();
  binary.updateState(tensor([[1], [0]]), tensor([[0.7], [0.8]]));
  assert.equal(binary.kind, 'binary');
  close(binary.result(), 0.5);
  const oneHot = new Accuracy();
  oneHot.updateState(tensor([[0, 1], [1, 0]]), tensor([[0.3, 0.7], [0.2, 0.8]]));
  assert.equal(oneHot.kind, 'categorical');
});
