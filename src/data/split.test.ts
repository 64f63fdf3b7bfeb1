import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../tensor/index.js';
import { trainTestSplit, trainValTestSplit } from './split.js';

function data(n: number) {
  const x = tensor(Float32Array.from({ length: 2 * n }, (_, k) => Math.floor(k / 2)), [n, 2]);
  const y = tensor(Int32Array.from({ length: n }, (_, i) => i), [n], 'int32');
  return { x, y };
}

test('trainValTestSplit sizes, disjoint parts that cover every row, rows kept whole', () => {
  const d = data(20);
  const parts = trainValTestSplit(d, { validation: 0.1, test: 0.25, seed: 3 });
  assert.deepEqual(parts.train.x.shape, [13, 2]);
  assert.deepEqual(parts.validation.x.shape, [2, 2]);
  assert.deepEqual(parts.test.y.shape, [5]);
  const all = [parts.train, parts.validation, parts.test].flatMap((p) => [...p.y.dataSync()]);
  assert.deepEqual(all.sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
  const xs = parts.train.x.dataSync();
  parts.train.y.dataSync().forEach((label, r) => assert.equal(xs[2 * r], label));
  assert.equal(parts.test.y.dtype, 'int32');
});

test('trainValTestSplit is reproducible by seed and ordered without shuffle', () => {
  const d = data(10);
  const a = trainValTestSplit(d, { test: 3, seed: 11 });
  const b = trainValTestSplit(d, { test: 3, seed: 11 });
  const c = trainValTestSplit(d, { test: 3, seed: 12 });
  assert.deepEqual([...a.test.y.dataSync()], [...b.test.y.dataSync()]);
  assert.notDeepEqual([...a.train.y.dataSync()], [...c.train.y.dataSync()]);
  const ordered = trainValTestSplit(d, { test: 0.3, shuffle: false });
  assert.deepEqual([...ordered.test.y.dataSync()], [7, 8, 9]);
  assert.deepEqual(ordered.validation.y.shape, [0]);
});

test('trainTestSplit and bad fractions', () => {
  const d = data(10);
  const { train, test } = trainTestSplit(d, { test: 0.2, seed: 0 });
  assert.equal(train.x.shape[0], 8);
  assert.equal(test.x.shape[0], 2);
  assert.throws(
    () => trainValTestSplit(d, { validation: 0.5, test: 0.5 }),
    /leave no training rows out of 10/,
  );
  assert.throws(() => trainValTestSplit(d, { test: 1.5 }), /share below 1 or a whole number/);
  assert.throws(() => trainValTestSplit(d, { test: -0.1 }), /must not be negative/);
});
