import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memory, tensor, type Tensor } from '../tensor/index.js';
import { fromTensors, zip, type Dataset } from './dataset.js';

// x row i is [i, 10 + i]; y row i is i.
function sample(n = 10): { x: Tensor; y: Tensor } {
  const values = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    values[2 * i] = i;
    values[2 * i + 1] = 10 + i;
  }
  const x = tensor(values, [n, 2]);
  const y = tensor(Int32Array.from({ length: n }, (_, i) => i), [n], 'int32');
  return { x, y };
}

/** The label values of one pass, disposing the tensors. */
function labels(ds: Dataset<{ xs: Tensor; ys: Tensor }>): number[][] {
  const out: number[][] = [];
  for (const { xs, ys } of ds) {
    out.push([...ys.dataSync()]);
    xs.dispose();
    ys.dispose();
  }
  return out;
}

test('fromTensors slices rows and keeps shapes and dtypes', () => {
  const { x, y } = sample(3);
  const ds = fromTensors({ xs: x, ys: y });
  x.dispose(); // the dataset holds its own copy
  assert.equal(ds.size, 3);
  const elements = ds.toArray();
  assert.deepEqual(elements[1]!.xs.shape, [2]);
  assert.deepEqual([...elements[1]!.xs.dataSync()], [1, 11]);
  assert.deepEqual(elements[2]!.ys.shape, []);
  assert.equal(elements[2]!.ys.dtype, 'int32');
  assert.equal(elements[2]!.ys.item(), 2);
  for (const e of elements) {
    e.xs.dispose();
    e.ys.dispose();
  }
  y.dispose();
});

test('batch stacks rows; dropRemainder leaves out the short batch', () => {
  const { x, y } = sample(10);
  const ds = fromTensors({ xs: x, ys: y });
  const batched = ds.batch(4);
  assert.equal(batched.size, 3);
  const shapes: number[][] = [];
  for (const { xs, ys } of batched) {
    shapes.push(xs.shape);
    if (shapes.length === 1) assert.deepEqual([...xs.dataSync()], [0, 10, 1, 11, 2, 12, 3, 13]);
    xs.dispose();
    ys.dispose();
  }
  assert.deepEqual(shapes, [[4, 2], [4, 2], [2, 2]]);
  assert.equal(ds.batch(4, { dropRemainder: true }).size, 2);
  assert.deepEqual(labels(ds.batch(4, { dropRemainder: true })), [[0, 1, 2, 3], [4, 5, 6, 7]]);
  x.dispose();
  y.dispose();
});

test('shuffle is a seeded permutation, new each pass, the same on every run', () => {
  const { x, y } = sample(10);
  const ds = fromTensors({ xs: x, ys: y });
  const a = ds.shuffle(7).batch(10);
  const pass1 = labels(a)[0]!;
  const pass2 = labels(a)[0]!;
  assert.deepEqual([...pass1].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.notDeepEqual(pass1, pass2, 'reshuffled each pass');
  assert.deepEqual(labels(ds.shuffle(7).batch(10))[0], pass1, 'same seed, same first pass');
  const fixed = ds.shuffle(7, { reshuffleEachIteration: false }).batch(10);
  assert.deepEqual(labels(fixed)[0], labels(fixed)[0]);
  // Rows stay whole: x keeps its label.
  for (const { xs, ys } of ds.shuffle(3).take(4)) {
    const [first, second] = xs.dataSync();
    assert.equal(first, ys.item());
    assert.equal(second, 10 + ys.item());
    xs.dispose();
    ys.dispose();
  }
  x.dispose();
  y.dispose();
});

test('shuffle with a buffer visits every element once and handles infinite datasets', () => {
  const { x, y } = sample(10);
  const ds = fromTensors({ xs: x, ys: y });
  const seen = labels(ds.shuffle(1, { bufferSize: 3 }).batch(10))[0]!;
  assert.deepEqual([...seen].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.throws(() => ds.repeat().shuffle(1), /infinite dataset can only be shuffled with a/);
  const endless = ds.repeat().shuffle(1, { bufferSize: 4 }).take(25);
  assert.equal(labels(endless.batch(25))[0]!.length, 25);
  x.dispose();
  y.dispose();
});

test('take, skip, repeat and their sizes', () => {
  const { x, y } = sample(5);
  const ds = fromTensors({ xs: x, ys: y });
  assert.deepEqual(labels(ds.take(2).batch(5)), [[0, 1]]);
  assert.deepEqual(labels(ds.skip(3).batch(5)), [[3, 4]]);
  assert.deepEqual(labels(ds.repeat(2).batch(4)), [[0, 1, 2, 3], [4, 0, 1, 2], [3, 4]]);
  assert.equal(ds.take(2).size, 2);
  assert.equal(ds.take(20).size, 5);
  assert.equal(ds.skip(7).size, 0);
  assert.equal(ds.repeat(3).size, 15);
  assert.equal(ds.repeat().size, Infinity);
  assert.equal(ds.repeat().take(12).size, 12);
  assert.equal(ds.take(0).repeat().size, 0);
  assert.deepEqual(labels(ds.take(0).repeat()), []);
  assert.throws(() => ds.repeat().toArray(), /infinite/);
  assert.throws(() => ds.batch(0), /batchSize must be an integer >= 1, got 0/);
  assert.throws(() => ds.take(-1), /count must be an integer >= 0/);
  x.dispose();
  y.dispose();
});

test('map transforms elements and disposes what it creates', () => {
  const { x, y } = sample(4);
  const ds = fromTensors({ xs: x, ys: y }).map(({ xs, ys }) => ({
    xs: xs.mul(2),
    ys: ys,
  }));
  const before = memory().numTensors;
  const out = labels(ds.batch(4));
  assert.deepEqual(out, [[0, 1, 2, 3]]);
  assert.equal(memory().numTensors, before, 'no tensor leaks from map or batch');
  const [first] = ds.take(1).toArray();
  assert.deepEqual([...first!.xs.dataSync()], [0, 20]);
  first!.xs.dispose();
  first!.ys.dispose();
  x.dispose();
  y.dispose();
});

test('multi-input elements: arrays of tensors batch like objects', async () => {
  const a = tensor([[1, 2], [3, 4], [5, 6]]);
  const b = tensor([7, 8, 9]);
  const ds = fromTensors([a, b]).batch(2);
  const batches: number[][] = [];
  for await (const [xa, xb] of ds) {
    assert.equal(xa!.shape[1], 2);
    batches.push([...xb!.dataSync()]);
    xa!.dispose();
    xb!.dispose();
  }
  assert.deepEqual(batches, [[7, 8], [9]]);
  a.dispose();
  b.dispose();
});

test('zip pairs datasets element by element, stopping at the shortest', () => {
  const xs = fromTensors(tensor([[1], [2], [3]]));
  const ys = fromTensors(tensor([10, 20]));
  const ds = zip({ xs, ys });
  assert.equal(ds.size, 2);
  const all = ds.batch(2).toArray();
  assert.deepEqual([...all[0]!.xs.dataSync()], [1, 2]);
  assert.deepEqual([...all[0]!.ys.dataSync()], [10, 20]);
  all[0]!.xs.dispose();
  all[0]!.ys.dispose();
});

test('fromTensors refuses tensors with different row counts', () => {
  const a = tensor([[1], [2]]);
  const b = tensor([1, 2, 3]);
  assert.throws(
    () => fromTensors({ xs: a, ys: b }),
    /data\.ys has 3 rows but data\.xs has 2: all must have the same first dimension/,
  );
  assert.throws(() => fromTensors(tensor(5)), /data is a scalar/);
  a.dispose();
  b.dispose();
});
