import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Random } from './random.js';

it('repeats a stream for a seed, and differs between seeds', () => {
  const a = new Random(123);
  const b = new Random(123);
  const c = new Random(124);
  const xs = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextUint32()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextUint32()));
  // A pinned value: the stream must not change between releases (saved seeds stay meaningful).
  assert.equal(new Random(42).nextUint32(), 3704290710);
});

it('draws uniform and normal numbers with the right moments', () => {
  const r = new Random(1);
  const n = 20000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 0.01);
  sum = 0;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    sum += z;
    sumSq += z * z;
  }
  assert.ok(Math.abs(sum / n) < 0.03);
  assert.ok(Math.abs(sumSq / n - 1) < 0.03);
});

it('permutes', () => {
  const p = Array.from(new Random(5).permutation(10));
  assert.deepEqual([...p].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.notDeepEqual(p, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
