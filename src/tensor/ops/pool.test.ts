/**
 * Pooling: values against PyTorch (test/fixtures/conv/make_conv.py, Keras's 'same' rules),
 * float64 finite-difference gradients, and the documented tie rule of max pooling.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as nb from '../index.js';
import type { Tensor } from '../tensor.js';
import { assertClose, gradcheck, rand64 } from '../test-utils/gradcheck.js';

interface Flat {
  shape: number[];
  data: number[];
}
interface PoolCase {
  name: string;
  mode: 'max' | 'avg';
  rank: 1 | 2;
  x: Flat;
  options: nb.Pool2dOptions | nb.Pool1dOptions;
  out: Flat;
}

const url = new URL('../../../test/fixtures/conv/pool.json', import.meta.url);
const cases = (JSON.parse(readFileSync(url, 'utf8')) as { cases: PoolCase[] }).cases;
const t64 = (f: Flat): Tensor => nb.tensor(Float64Array.from(f.data), { shape: f.shape });

function poolOf(c: PoolCase): (x: Tensor) => Tensor {
  if (c.rank === 2) {
    const o = c.options as nb.Pool2dOptions;
    return c.mode === 'max' ? (x) => nb.maxPool2d(x, o) : (x) => nb.avgPool2d(x, o);
  }
  const o = c.options as nb.Pool1dOptions;
  return c.mode === 'max' ? (x) => nb.maxPool1d(x, o) : (x) => nb.avgPool1d(x, o);
}

describe('pooling against PyTorch', () => {
  for (const c of cases) {
    it(`${c.name}: values match, gradients match finite differences`, () => {
      const pool = poolOf(c);
      nb.tidy(() => {
        const y = pool(t64(c.x));
        assert.deepEqual(y.shape, c.out.shape);
        assertClose(y.dataSync(), c.out.data, 1e-12, c.name);
        gradcheck(c.name, pool, [t64(c.x)]);
      });
    });
  }
});

describe('pooling rules', () => {
  it("average 'same' divides by the real cells in the window", () => {
    nb.tidy(() => {
      // A 2x2 image of ones: every output of a 3x3 'same' window averages to exactly 1.
      const y = nb.avgPool2d(nb.ones([1, 2, 2, 1]), { poolSize: 3, strides: 1, padding: 'same' });
      assert.deepEqual(Array.from(y.dataSync()), [1, 1, 1, 1]);
    });
  });

  it('max pooling shares the gradient evenly between tied maxima', () => {
    nb.tidy(() => {
      const x = nb.tensor([[[[1], [3]], [[3], [2]]]], { dtype: 'float64' }).requireGrad();
      nb.maxPool2d(x, { poolSize: 2 }).sum().backward();
      assert.deepEqual(Array.from(x.grad!.dataSync()), [0, 0.5, 0.5, 0]);
    });
  });

  it("max 'same' never picks the padding, even for all-negative inputs", () => {
    nb.tidy(() => {
      const x = nb.full([1, 3, 3, 1], -5);
      const y = nb.maxPool2d(x, { poolSize: 2, padding: 'same' });
      assert.deepEqual(y.shape, [1, 2, 2, 1]);
      assert.deepEqual(Array.from(y.dataSync()), [-5, -5, -5, -5]);
    });
  });

  it('global pools reduce the spatial axes', () => {
    nb.tidy(() => {
      const x = rand64([2, 3, 4, 5], 1);
      assertClose(nb.globalAvgPool2d(x).dataSync(), x.mean([1, 2]).dataSync(), 0);
      assert.deepEqual(nb.globalMaxPool2d(x, true).shape, [2, 1, 1, 5]);
      const steps = x.reshape([2, 12, 5]);
      assertClose(nb.globalMaxPool1d(steps).dataSync(), x.max([1, 2]).dataSync(), 0);
      assert.deepEqual(nb.globalAvgPool1d(steps).shape, [2, 5]);
      gradcheck('globalAvgPool2d', (t) => nb.globalAvgPool2d(t), [rand64([2, 3, 2, 2], 2)]);
      gradcheck('globalMaxPool2d', (t) => nb.globalMaxPool2d(t), [rand64([2, 3, 2, 2], 3)]);
      gradcheck('globalAvgPool1d', (t) => nb.globalAvgPool1d(t), [rand64([2, 4, 3], 4)]);
      gradcheck('globalMaxPool1d', (t) => nb.globalMaxPool1d(t), [rand64([2, 4, 3], 5)]);
    });
  });

  it('errors name the op and the shape', () => {
    nb.tidy(() => {
      const o = { poolSize: 2 };
      const int = nb.zeros([1, 4, 4, 1], { dtype: 'int32' });
      const expectations: [() => unknown, RegExp][] = [
        [() => nb.maxPool2d(nb.zeros([4, 4, 1]), o), /maxPool2d: expects \[batch, height, .*\[4,4,1\]/],
        [() => nb.avgPool1d(nb.zeros([1, 4, 4, 1]), o), /avgPool1d: expects \[batch, steps, channels\]/],
        [() => nb.maxPool2d(int, o), /maxPool2d: expects a float tensor/],
        [() => nb.maxPool2d(nb.zeros([1, 1, 4, 1]), o), /does not fit input \[1,1,4,1\]/],
      ];
      for (const [f, message] of expectations) assert.throws(f, message);
    });
  });
});
