/** The Loss contract: reductions, sample weights, shape checks and the cross-entropy helpers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, tidy } from '../tensor/index.js';
import {
  BinaryCrossentropy,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
  getLoss,
  hinge,
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
} from './index.js';

const yTrue = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' });
const yPred = tensor([[1, 3], [5, 4], [2, 6]], { dtype: 'float64' });
// Per-sample MSE: [0.5, 2, 4.5].

test('call weights the per-sample values and divides by their count', () => {
  tidy(() => {
    const loss = new MeanSquaredError();
    assert.equal(loss.call(yTrue, yPred).item(), 7 / 3);
    assert.equal(loss.call(yTrue, yPred, tensor([1, 0, 2])).item(), (0.5 + 9) / 3);
    assert.equal(loss.call(yTrue, yPred, tensor([[1], [0], [2]])).item(), (0.5 + 9) / 3);
    assert.equal(loss.call(yTrue, yPred, tensor(2)).item(), 14 / 3);
    // Zero weights still count in the divisor (Keras's sum_over_batch_size).
    assert.equal(loss.call(yTrue, yPred, tensor([0, 0, 1])).item(), 4.5 / 3);
  });
});

test('reductions: sum and none', () => {
  tidy(() => {
    const sum = new MeanSquaredError({ reduction: 'sum' });
    assert.equal(sum.call(yTrue, yPred, tensor([1, 0, 2])).item(), 9.5);
    const none = new MeanSquaredError({ reduction: 'none' });
    const values = none.call(yTrue, yPred, tensor([1, 0, 2]));
    assert.deepEqual(Array.from(values.dataSync()), [0.5, 0, 9]);
  });
});

test('per-timestep weights apply to sequence losses', () => {
  tidy(() => {
    // [batch 2, time 2, features 1]: per-sample values [2, 2] each row.
    const t = tensor([[[0], [0]], [[0], [0]]], { dtype: 'float64' });
    const p = tensor([[[1], [2]], [[3], [4]]], { dtype: 'float64' });
    const loss = new MeanSquaredError();
    assert.deepEqual(loss.compute(t, p).shape, [2, 2]);
    assert.equal(loss.call(t, p, tensor([[1, 0], [0, 1]])).item(), (1 + 16) / 4);
    assert.equal(loss.call(t, p, tensor([1, 0])).item(), (1 + 4) / 4);
  });
});

test('a sample weight that does not fit names the loss and both shapes', () => {
  tidy(() => {
    assert.throws(
      () => new MeanSquaredError().call(yTrue, yPred, tensor([1, 2])),
      (e: Error) =>
        e.name === 'NablaError' &&
        e.message === 'meanSquaredError: sampleWeight [2] does not match the per-sample losses [3]',
    );
  });
});

test('every loss rejects mismatched shapes with a NablaError naming it and both shapes', () => {
  const names = [
    'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError',
    'meanSquaredLogarithmicError', 'huber', 'logCosh', 'binaryCrossentropy',
    'categoricalCrossentropy', 'kullbackLeiblerDivergence', 'poisson', 'cosineSimilarity', 'hinge',
    'squaredHinge', 'categoricalHinge',
  ];
  tidy(() => {
    const a = tensor([[0.1, 0.2, 0.7], [0.3, 0.3, 0.4]]);
    const b = tensor([[0.5, 0.5], [0.2, 0.8]]);
    for (const name of names) {
      assert.throws(
        () => getLoss(name).call(a, b),
        (e: Error) =>
          e.name === 'NablaError' &&
          e.message.startsWith(`${name}: `) &&
          e.message.includes('[2,3]') &&
          e.message.includes('[2,2]'),
        name,
      );
    }
    assert.throws(
      () => getLoss('sparseCategoricalCrossentropy').call(tensor([[1, 0]]), b),
      /^NablaError: sparseCategoricalCrossentropy: yTrue \[1,2\] and yPred \[2,2\] do not fit/,
    );
  });
});

test('categorical cross-entropy with integer labels points to the sparse loss', () => {
  tidy(() => {
    assert.throws(
      () => getLoss('categoricalCrossentropy').call(tensor([0, 1]), tensor([[0.2, 0.8], [1, 0]])),
      /sparseCategoricalCrossentropy/,
    );
  });
});

test('sparse labels out of range or not integers are a clear error', () => {
  tidy(() => {
    const p = tensor([[0.2, 0.8], [0.6, 0.4]]);
    const loss = new SparseCategoricalCrossentropy();
    assert.throws(
      () => loss.call(tensor([1, 2], { dtype: 'int32' }), p),
      (e: Error) =>
        e.message ===
        'sparseCategoricalCrossentropy: label 2 at index 1 is out of range for 2 classes ' +
          '(yTrue [2], yPred [2,2])',
    );
    assert.throws(() => loss.call(tensor([-1, 0], { dtype: 'int32' }), p), /label -1 at index 0/);
    assert.throws(() => loss.call(tensor([0.5, 1]), p), /label 0.5 at index 0/);
  });
});

test('sparse labels [batch] and [batch, 1] give the same loss as one-hot targets', () => {
  tidy(() => {
    const p = tensor([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], { dtype: 'float64' });
    const dense = getLoss('categoricalCrossentropy').call(tensor([[0, 1, 0], [0, 0, 1]]), p).item();
    const sparse = getLoss('sparseCategoricalCrossentropy');
    assert.equal(sparse.call(tensor([1, 2], { dtype: 'int32' }), p).item(), dense);
    assert.equal(sparse.call(tensor([[1], [2]], { dtype: 'int32' }), p).item(), dense);
    assert.ok(Math.abs(dense - (-Math.log(0.5) - Math.log(0.1)) / 2) < 1e-12);
  });
});

test('hinge converts 0/1 labels to −1/1 only when every label is 0 or 1', () => {
  tidy(() => {
    const p = tensor([[0.5, -0.5]], { dtype: 'float64' });
    // 0/1 → −1/1: max(1 − (−1)(0.5), 0) = 1.5, max(1 − (1)(−0.5), 0) = 1.5.
    assert.equal(hinge().call(tensor([[0, 1]]), p).item(), 1.5);
    // −1/1 labels give the same; with a 2 nothing is converted: max(1 − 2·0.5, 0) = 0, and 1.5.
    assert.equal(hinge().call(tensor([[-1, 1]]), p).item(), 1.5);
    assert.equal(hinge().call(tensor([[2, 1]]), p).item(), 0.75);
  });
});

test('softmaxCrossEntropyWithLogits: value and gradient softmax − labels', () => {
  tidy(() => {
    const logits = tensor([[1, 2, 3], [0, 0, 0]], { dtype: 'float64' }).requireGrad();
    const labels = tensor([[0, 0, 1], [0.5, 0.5, 0]], { dtype: 'float64' });
    const loss = softmaxCrossEntropyWithLogits(labels, logits);
    const z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assert.ok(Math.abs(loss.dataSync()[0]! - (z - 3)) < 1e-12);
    assert.ok(Math.abs(loss.dataSync()[1]! - Math.log(3)) < 1e-12);
    loss.sum().backward();
    const softmax = [1, 2, 3].map((v) => Math.exp(v - z));
    const firstRow = softmax.map((s, i) => s - (i === 2 ? 1 : 0));
    const expected = [...firstRow, 1 / 3 - 0.5, 1 / 3 - 0.5, 1 / 3];
    const grad = logits.grad!.dataSync();
    grad.forEach((g, i) => assert.ok(Math.abs(g - expected[i]!) < 1e-12, `${i}: ${g}`));
  });
});

test('sigmoid cross-entropy from logits has the right gradient at exactly 0', () => {
  tidy(() => {
    const x = tensor([[0, 0]], { dtype: 'float64' }).requireGrad();
    const z = tensor([[1, 0]], { dtype: 'float64' });
    const loss = sigmoidCrossEntropyWithLogits(z, x);
    assert.deepEqual(Array.from(loss.dataSync()), [Math.LN2, Math.LN2]);
    loss.sum().backward();
    // d/dx = σ(x) − z = 0.5 − z.
    assert.deepEqual(Array.from(x.grad!.dataSync()), [-0.5, 0.5]);
  });
});

test('binary cross-entropy accepts [batch] targets against [batch, 1] predictions', () => {
  tidy(() => {
    const loss = new BinaryCrossentropy();
    const p = tensor([[0.9], [0.2]], { dtype: 'float64' });
    const expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
    assert.ok(Math.abs(loss.call(tensor([1, 0]), p).item() - expected) < 1e-12);
    assert.ok(Math.abs(loss.call(tensor([[1], [0]]), p).item() - expected) < 1e-12);
  });
});
