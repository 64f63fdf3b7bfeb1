import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../tensor/index.js';
import { minMaxScaler, scalerFromJSON, standardScaler } from './scalers.js';

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const message = `at ${i}: ${actual[i]} vs ${expected[i]}`;
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, message);
  }
}

// Column 0: 1, 3, 5 (min 1, max 5, mean 3, std sqrt(8/3)); column 1 is constant 7.
const X = [
  [1, 7],
  [3, 7],
  [5, 7],
];

test('minMaxScaler maps each feature to [0, 1] and back; a constant feature is shifted', () => {
  const x = tensor(X);
  const s = minMaxScaler().fit(x);
  assert.deepEqual(s.min, [1, 7]);
  assert.deepEqual(s.max, [5, 7]);
  const t = s.transform(x);
  close(t.dataSync(), [0, 0, 0.5, 0, 1, 0]);
  close(s.inverseTransform(t).dataSync(), X.flat());
  const r = minMaxScaler({ featureRange: [-1, 1] }).fitTransform(x);
  close(r.dataSync(), [-1, -1, 0, -1, 1, -1]);
  assert.throws(() => minMaxScaler({ featureRange: [1, 1] }), /low < high/);
});

test('standardScaler uses the population std; withMean/withStd switch parts off', () => {
  const x = tensor(X);
  const s = standardScaler().fit(x);
  const std = Math.sqrt(8 / 3);
  close(s.mean!, [3, 7]);
  close(s.std!, [std, 0]);
  const z = s.transform(x);
  close(z.dataSync(), [-2 / std, 0, 0, 0, 2 / std, 0]);
  close(s.inverseTransform(z).dataSync(), X.flat(), 1e-5);
  const noMean = standardScaler({ withMean: false }).fitTransform(x);
  close(noMean.dataSync(), [1 / std, 7, 3 / std, 7, 5 / std, 7], 1e-5);
});

test('scalers work on any rank, features last, and check the feature count', () => {
  const images = tensor([[[0, 10], [2, 30]], [[4, 20], [6, 40]]]); // [2, 2, 2]
  const s = minMaxScaler().fit(images);
  assert.deepEqual(s.min, [0, 10]);
  assert.deepEqual(s.transform(images).shape, [2, 2, 2]);
  assert.throws(() => s.transform(tensor([[1, 2, 3]])), /fitted on 2 features but x \[1,3\] has 3/);
  assert.throws(() => standardScaler().transform(images), /call fit\(\) first/);
});

test('toJSON / scalerFromJSON restore the same transform', () => {
  const x = tensor(X);
  for (const s of [minMaxScaler().fit(x), standardScaler().fit(x)]) {
    const restored = scalerFromJSON(JSON.parse(JSON.stringify(s)));
    assert.equal(restored.constructor, s.constructor);
    close(restored.transform(x).dataSync(), [...s.transform(x).dataSync()]);
  }
  assert.throws(() => scalerFromJSON({ className: 'Nope' } as never), /unknown scaler 'Nope'/);
  const broken = { className: 'MinMaxScaler', featureRange: [0, 1], min: [0], max: 'x' };
  assert.throws(() => scalerFromJSON(broken as never), /max must be an array of numbers/);
});
