/** Mean, the regression metrics and a metric from a function. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, type Tensor } from '../tensor/index.js';
import {
  Mean,
  MeanAbsoluteError,
  MeanMetricWrapper,
  MeanSquaredError,
  RootMeanSquaredError,
} from './index.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('meanSquaredError and meanAbsoluteError: per-sample means, weighted over samples', () => {
  const mse = new MeanSquaredError();
  mse.updateState(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [0, 0]]));
  close(mse.result(), 0.25);
  mse.resetState();
  mse.updateState(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [0, 0]]), tensor([1, 0]));
  close(mse.result(), 0.5);
  const mae = new MeanAbsoluteError();
  mae.updateState(tensor([[0, 1], [0, 0]]), tensor([[3, 1], [0, -1]]));
  close(mae.result(), (1.5 + 0.5) / 2);
  mae.updateState(tensor([2]), tensor([[4]]));
  close(mae.result(), (1.5 + 0.5 + 2) / 3);
  const message = /meanAbsoluteError: yTrue \[1,2\] and yPred \[1,3\]/;
  assert.throws(() => mae.updateState(tensor([[1, 2]]), tensor([[1, 2, 3]])), message);
});

test('rootMeanSquaredError takes the root of the accumulated mean', () => {
  const m = new RootMeanSquaredError();
  m.updateState(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [0, 0]]));
  close(m.result(), 0.5);
  m.resetState();
  m.updateState(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [0, 0]]), tensor([1, 0]));
  close(m.result(), Math.sqrt(0.5));
  // Over two batches: squared errors 4 and 0 → √2, not the mean of √4 and √0.
  m.resetState();
  m.updateState(tensor([0]), tensor([2]));
  m.updateState(tensor([0]), tensor([0]));
  close(m.result(), Math.SQRT2);
});

test('mean: numbers, arrays and tensors, with weights', () => {
  const m = new Mean();
  m.updateState(tensor([1, 3, 5, 7]));
  close(m.result(), 4);
  m.resetState();
  m.updateState(tensor([1, 3, 5, 7]), tensor([1, 1, 0, 0]));
  close(m.result(), 2);
  m.resetState();
  // A loss tracker: each batch's loss weighted by its size.
  m.updateState(0.5, 32);
  m.updateState(0.2, 16);
  close(m.result(), (0.5 * 32 + 0.2 * 16) / 48);
  m.updateState([1, 2]);
  close(m.result(), (0.5 * 32 + 0.2 * 16 + 3) / 50);
  m.resetState();
  close(m.result(), 0);
  m.updateState(tensor([[1, 3], [5, 7]]));
  close(m.result(), 4);
});

test('a function becomes a metric averaged over samples', () => {
  function maxError(yTrue: Tensor, yPred: Tensor): Tensor {
    return yPred.sub(yTrue).abs().max(-1);
  }
  const m = new MeanMetricWrapper(maxError);
  assert.equal(m.name, 'maxError');
  m.updateState(tensor([[0, 0], [1, 1]]), tensor([[1, -3], [1, 2]]), tensor([1, 3]));
  close(m.result(), (3 + 3 * 1) / 4);
  const perBatch = new MeanMetricWrapper((t, p) => p.sub(t).sum(), { name: 'total' });
  perBatch.updateState(tensor([0, 0]), tensor([1, 2]));
  perBatch.updateState(tensor([0]), tensor([5]));
  close(perBatch.result(), 4);
});
