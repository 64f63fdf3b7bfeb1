/** Forward values of the tensor ops against hand-computed results. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../index.js';
import { assertClose } from '../test-utils/gradcheck.js';

const arr = (t: nb.Tensor): number[] => Array.from(t.dataSync());

describe('creation', () => {
  it('infers shapes and dtypes', () => {
    const x = nb.tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(x.shape, [2, 3]);
    assert.equal(x.dtype, 'float32');
    assert.equal(nb.tensor([true, false]).dtype, 'bool');
    assert.equal(nb.tensor(new Int32Array([1, 2])).dtype, 'int32');
    assert.equal(nb.tensor(new Float64Array(6), [2, 3]).dtype, 'float64');
    assert.deepEqual(nb.scalar(3).shape, []);
    assert.deepEqual(x.arraySync(), [[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(nb.tensor([true, false]).arraySync(), [true, false]);
  });
  it('fills, ranges and eye', () => {
    assert.deepEqual(arr(nb.zeros([2, 2])), [0, 0, 0, 0]);
    assert.deepEqual(arr(nb.full([3], 7, { dtype: 'int32' })), [7, 7, 7]);
    assert.deepEqual(arr(nb.eye(2, 3)), [1, 0, 0, 0, 1, 0]);
    assert.deepEqual(arr(nb.arange(5)), [0, 1, 2, 3, 4]);
    assert.equal(nb.arange(5).dtype, 'int32');
    assert.deepEqual(arr(nb.arange(1, 2, 0.25)), [1, 1.25, 1.5, 1.75]);
    assert.deepEqual(arr(nb.arange(5, 0, -2)), [5, 3, 1]);
    assertClose(arr(nb.linspace(0, 1, 5)), [0, 0.25, 0.5, 0.75, 1]);
  });
  it('seeded random numbers repeat, and have the right statistics', () => {
    const a = nb.randomNormal([1000], { seed: 3 });
    const b = nb.randomNormal([1000], { seed: 3 });
    assert.deepEqual(arr(a), arr(b));
    assert.ok(Math.abs(a.mean().item()) < 0.1);
    assert.ok(Math.abs(a.std().item() - 1) < 0.1);
    const u = nb.randomUniform([1000], { seed: 4, minval: 2, maxval: 3 });
    assert.ok(arr(u).every((v) => v >= 2 && v < 3));
    const t = nb.truncatedNormal([1000], { seed: 5, stddev: 0.5 });
    assert.ok(arr(t).every((v) => Math.abs(v) <= 1));
    assert.notDeepEqual(arr(nb.randomNormal([4], { seed: 1 })), arr(nb.randomNormal([4], { seed: 2 })));
  });
});

describe('elementwise', () => {
  it('broadcasts like NumPy', () => {
    const a = nb.tensor([[1], [2]]);
    const b = nb.tensor([10, 20, 30]);
    assert.deepEqual(a.add(b).arraySync(), [[11, 21, 31], [12, 22, 32]]);
    assert.deepEqual(b.sub(1).arraySync(), [9, 19, 29]);
    assert.deepEqual(nb.tensor([1, 2]).mul(nb.scalar(3)).arraySync(), [3, 6]);
  });
  it('computes unary functions', () => {
    const x = nb.tensor([-2, -1, 0, 1, 2], { dtype: 'float64' });
    assertClose(arr(x.abs()), [2, 1, 0, 1, 2]);
    assertClose(arr(x.exp()), [-2, -1, 0, 1, 2].map(Math.exp), 1e-12);
    assertClose(arr(x.tanh()), [-2, -1, 0, 1, 2].map(Math.tanh), 1e-12);
    assertClose(arr(x.sign()), [-1, -1, 0, 1, 1]);
    assertClose(arr(x.erf()), [-0.9953222650189527, -0.8427007929497149, 0, 0.8427007929497149, 0.9953222650189527], 1e-15);
    assertClose(arr(nb.tensor([0.5, 1.5, 2.5, -0.5]).round()), [0, 2, 2, -0]);
    assertClose(arr(x.clip(-1, 1.5)), [-1, -1, 0, 1, 1.5]);
    assertClose(arr(nb.tensor([-7, 7]).mod(3)), [2, 1]);
    assertClose(arr(nb.tensor([2, 3]).pow(nb.tensor([3, 2]))), [8, 9]);
  });
  it('promotes dtypes', () => {
    const i = nb.tensor([1, 2], { dtype: 'int32' });
    assert.equal(i.add(1).dtype, 'int32');
    assert.equal(i.add(0.5).dtype, 'float32');
    assert.equal(i.div(2).dtype, 'float32');
    assertClose(arr(i.div(2)), [0.5, 1]);
    assert.equal(i.add(nb.tensor([1, 1], { dtype: 'float64' })).dtype, 'float64');
    assert.equal(nb.tensor([true]).add(nb.tensor([true])).dtype, 'int32');
  });
  it('compares and combines logically', () => {
    const a = nb.tensor([1, 2, 3]);
    assert.deepEqual(a.gt(2).arraySync(), [false, false, true]);
    assert.deepEqual(a.le(2).arraySync(), [true, true, false]);
    assert.deepEqual(a.eq(nb.tensor([1, 0, 3])).arraySync(), [true, false, true]);
    assert.deepEqual(a.gt(1).logicalAnd(a.lt(3)).arraySync(), [false, true, false]);
    assert.deepEqual(a.gt(1).logicalNot().arraySync(), [true, false, false]);
    assert.deepEqual(nb.where(a.gt(1), a, 0).arraySync(), [0, 2, 3]);
  });
});

describe('reductions', () => {
  const x = nb.tensor([[1, 5, 3], [4, 2, 6]]);
  it('reduce over any axes with keepDims', () => {
    assert.equal(x.sum().item(), 21);
    assert.deepEqual(x.sum(0).arraySync(), [5, 7, 9]);
    assert.deepEqual(x.sum(1, true).arraySync(), [[9], [12]]);
    assert.deepEqual(x.mean(-1).arraySync(), [3, 4]);
    assert.deepEqual(x.max(0).arraySync(), [4, 5, 6]);
    assert.deepEqual(x.min(1).arraySync(), [1, 2]);
    assert.deepEqual(x.prod(1).arraySync(), [15, 48]);
    assert.deepEqual(x.argmax(1).arraySync(), [1, 2]);
    assert.deepEqual(x.argmin(0).arraySync(), [0, 1, 0]);
    assert.equal(x.argmax().item(), 5);
    const y = nb.tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    assertClose(arr(y.variance()), [1.25]);
    assertClose(arr(y.std(0)), [1, 1]);
    assertClose(arr(y.logSumExp(1)), [Math.log(Math.exp(1) + Math.exp(2)), Math.log(Math.exp(3) + Math.exp(4))], 1e-12);
    const z = nb.reshape(nb.arange(24), [2, 3, 4]);
    assert.deepEqual(z.sum([0, 2]).arraySync(), [60, 92, 124]);
  });
  it('is stable for large inputs', () => {
    assertClose(arr(nb.tensor([1000, 1000]).logSumExp()), [1000 + Math.LN2], 1e-3);
    assertClose(arr(nb.softmax(nb.tensor([1000, 0, -1000]))), [1, 0, 0]);
    assertClose(arr(nb.logSoftmax(nb.tensor([0, -1000]))), [0, -1000]);
  });
  it('splits tied max gradients evenly', () => {
    const t = nb.tensor([[3, 1, 3]], { requiresGrad: true });
    t.max().backward();
    assert.deepEqual(t.grad!.arraySync(), [[0.5, 0, 0.5]]);
    const a = nb.tensor([2, 1], { requiresGrad: true });
    const b = nb.tensor([2, 3], { requiresGrad: true });
    nb.maximum(a, b).sum().backward();
    assert.deepEqual(a.grad!.arraySync(), [0.5, 0]);
    assert.deepEqual(b.grad!.arraySync(), [0.5, 1]);
  });
});

describe('shapes and movement', () => {
  const x = nb.reshape(nb.arange(6), [2, 3]);
  it('reshape, transpose, expand, squeeze', () => {
    assert.deepEqual(x.reshape([3, -1]).arraySync(), [[0, 1], [2, 3], [4, 5]]);
    assert.deepEqual(x.transpose().arraySync(), [[0, 3], [1, 4], [2, 5]]);
    assert.deepEqual(x.expandDims(1).shape, [2, 1, 3]);
    assert.deepEqual(x.expandDims(1).squeeze().shape, [2, 3]);
    assert.deepEqual(x.flatten().arraySync(), [0, 1, 2, 3, 4, 5]);
  });
  it('slice with steps and negative indices', () => {
    assert.deepEqual(x.slice([0, 1]).arraySync(), [[1, 2], [4, 5]]);
    assert.deepEqual(x.slice([-1, 0], [null, null], [1, 2]).arraySync(), [[3, 5]]);
    assert.deepEqual(x.slice([0, -1], [2, null], [1, -1]).arraySync(), [[2, 1, 0], [5, 4, 3]]);
    assert.deepEqual(nb.arange(10).slice([8], [null], [-3]).arraySync(), [8, 5, 2]);
  });
  it('concat, stack, split, pad, tile, gather, broadcastTo', () => {
    assert.deepEqual(nb.concat([x, x], 0).shape, [4, 3]);
    assert.deepEqual(nb.concat([x, x.slice([0, 0], [2, 1])], 1).arraySync(), [[0, 1, 2, 0], [3, 4, 5, 3]]);
    assert.deepEqual(nb.stack([x, x], 1).shape, [2, 2, 3]);
    const parts = x.split([1, -1], 1);
    assert.deepEqual(parts.map((p) => p.shape), [[2, 1], [2, 2]]);
    assert.deepEqual(nb.tensor([1, 2]).pad([[1, 2]], 9).arraySync(), [9, 1, 2, 9, 9]);
    assert.deepEqual(nb.tensor([[1, 2]]).tile([2, 2]).arraySync(), [[1, 2, 1, 2], [1, 2, 1, 2]]);
    assert.deepEqual(x.gather([2, 0], 1).arraySync(), [[2, 0], [5, 3]]);
    assert.deepEqual(x.gather([-1]).arraySync(), [[3, 4, 5]]);
    assert.deepEqual(nb.tensor([1, 2]).broadcastTo([2, 2]).arraySync(), [[1, 2], [1, 2]]);
    assert.deepEqual(nb.oneHot(nb.tensor([2, 0], { dtype: 'int32' }), 3).arraySync(), [[0, 0, 1], [1, 0, 0]]);
  });
  it('matmul with batch broadcasting', () => {
    const a = nb.tensor([[1, 2], [3, 4]]);
    assert.deepEqual(a.matmul(a).arraySync(), [[7, 10], [15, 22]]);
    assert.deepEqual(nb.matmul(a, a, true, false).arraySync(), [[10, 14], [14, 20]]);
    assert.deepEqual(nb.matmul(nb.stack([a, a]), nb.eye(2)).shape, [2, 2, 2]);
    assert.deepEqual(nb.matmul(nb.tensor([1, 1]), a).arraySync(), [4, 6]);
    assert.equal(nb.dot(nb.tensor([1, 2]), nb.tensor([3, 4])).item(), 11);
  });
  it('prints readably', () => {
    assert.equal(nb.tensor([[1, 2], [3, 4]]).toString(), 'Tensor([[1., 2.],\n        [3., 4.]], shape=[2,2], dtype=float32)');
    assert.match(nb.arange(100).toString(), /\[0, 1, 2, \.\.\., 97, 98, 99\], shape=\[100\], dtype=int32/);
  });
});
