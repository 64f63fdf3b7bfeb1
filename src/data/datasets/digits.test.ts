import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIGITS_COUNT, DIGITS_URL, digits, loadDigitsArrays } from './digits.js';

// The first line of data/digits.csv.gz: a zero.
const FIRST_ROW = [
  0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8,
  8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13,
  10, 0, 0, 0,
];
// Images per label 0..9 in the file.
const COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

test('the bundled file is found relative to the module', () => {
  assert.ok(existsSync(fileURLToPath(DIGITS_URL)), fileURLToPath(DIGITS_URL));
});

test('loadDigitsArrays reads 1,797 images with the known first row', async () => {
  const { pixels, labels, count } = await loadDigitsArrays();
  assert.equal(count, DIGITS_COUNT);
  assert.equal(pixels.length, 1797 * 64);
  assert.deepEqual([...pixels.subarray(0, 64)], FIRST_ROW);
  assert.equal(labels[0], 0);
  assert.equal(labels[1], 1);
  const counts = new Array(10).fill(0);
  for (const y of labels) counts[y]++;
  assert.deepEqual(counts, COUNTS);
});

test('digits(): a fixed 1438/359 split, x float32 [n, 64] in [0, 1], y int32', async () => {
  const { train, test } = await digits();
  assert.deepEqual(train.x.shape, [1438, 64]);
  assert.deepEqual(test.x.shape, [359, 64]);
  assert.deepEqual(train.y.shape, [1438]);
  assert.equal(train.x.dtype, 'float32');
  assert.equal(test.y.dtype, 'int32');
  const x = train.x.dataSync();
  assert.ok(x.every((v) => v >= 0 && v <= 1));
  // The parts partition the file: label counts add up.
  const counts = new Array(10).fill(0);
  for (const y of [...train.y.dataSync(), ...test.y.dataSync()]) counts[y]++;
  assert.deepEqual(counts, COUNTS);
  // The zero on the first line is in one of the parts, divided by 16.
  const scaled = FIRST_ROW.map((v) => v / 16);
  const rows = [train.x, test.x].flatMap((t) => {
    const data = t.dataSync();
    return Array.from({ length: t.shape[0]! }, (_, r) => [...data.subarray(r * 64, r * 64 + 64)]);
  });
  assert.ok(rows.some((row) => row.every((v, j) => v === scaled[j])));
  for (const t of [train.x, train.y, test.x, test.y]) t.dispose();
});

test('digits(): the same seed gives the same split, another seed another', async () => {
  const a = await digits();
  const b = await digits({ seed: 0 });
  const c = await digits({ seed: 1, testSplit: 0.5 });
  assert.deepEqual([...a.test.y.dataSync()], [...b.test.y.dataSync()]);
  assert.deepEqual(c.test.x.shape, [899, 64]);
  const head = (t: typeof a): number[] => [...t.test.y.dataSync()].slice(0, 50);
  assert.notDeepEqual(head(a), head(c));
  await assert.rejects(digits({ testSplit: 1 }), /testSplit must be between 0 and 1/);
});

test('a damaged digits file is refused naming the file', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'nabla-digits-'));
  try {
    await writeFile(join(dir, 'short.csv'), '1,2,3\n');
    await assert.rejects(loadDigitsArrays(join(dir, 'short.csv')), /short\.csv: expected 64 pixel/);
    const row = [...FIRST_ROW.slice(0, 63), 17, 0].join(',');
    await writeFile(join(dir, 'range.csv'), `${row}\n`);
    await assert.rejects(
      loadDigitsArrays(join(dir, 'range.csv')),
      /row 1: pixel 17 is not in 0\.\.16/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
