import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../index.js';

describe('autograd', () => {
  it('computes the issue example and accumulates', () => {
    const x = nb.tensor([[1, 2], [3, 4]]);
    const w = nb.tensor([[1, -1, 0.5], [0.5, 1, -2]], { requiresGrad: true });
    x.matmul(w).relu().sum().backward();
    // relu mask: x@w = [[2,1,-3.5],[5,1,-6.5]] → columns 0 and 1 active.
    assert.deepEqual(w.grad!.arraySync(), [[4, 4, 0], [6, 6, 0]]);
    x.matmul(w).relu().sum().backward();
    assert.deepEqual(w.grad!.arraySync(), [[8, 8, 0], [12, 12, 0]]);
    w.zeroGrad();
    assert.equal(w.grad, null);
  });
  it('handles a tensor used twice and shared gradient objects', () => {
    const a = nb.tensor([3], { requiresGrad: true });
    const b = nb.tensor([4], { requiresGrad: true });
    a.mul(a).add(b).sum().backward();
    assert.deepEqual(a.grad!.arraySync(), [6]);
    assert.deepEqual(b.grad!.arraySync(), [1]);
    const c = nb.tensor([1], { requiresGrad: true });
    const d = nb.tensor([1], { requiresGrad: true });
    c.add(d).sum().backward();
    c.grad!.dispose();
    assert.deepEqual(d.grad!.arraySync(), [1], 'each leaf owns its gradient');
  });
  it('takes an explicit upstream gradient and checks it', () => {
    const x = nb.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    y.backward(nb.tensor([1, 0, -1]));
    assert.deepEqual(x.grad!.arraySync(), [2, 0, -2]);
    assert.throws(() => x.mul(2).backward(), /gradient is needed for non-scalar output \[3\]/);
    assert.throws(() => x.mul(2).backward(nb.tensor([1, 2])), /gradient shape \[2\] differs from output shape \[3\]/);
    assert.throws(() => nb.tensor([1]).sum().backward(), /does not require grad/);
  });
  it('grad and valueAndGrad', () => {
    const f = (a: nb.Tensor): nb.Tensor => a.square().sum();
    const g = nb.grad(f)(nb.tensor([1, 2]));
    assert.deepEqual(g.arraySync(), [2, 4]);
    const [value, grads] = nb.valueAndGrad((a: nb.Tensor, b: nb.Tensor) => a.mul(b).sum())(nb.tensor([1, 2]), nb.tensor([3, 4]));
    assert.equal(value.item(), 11);
    assert.deepEqual(grads.map((t) => t.arraySync()), [[3, 4], [1, 2]]);
    const [v, gx] = nb.valueAndGrad((a: nb.Tensor) => a.sigmoid().mean())(nb.tensor([0, 0]));
    assert.equal(v.item(), 0.5);
    assert.deepEqual(gx.arraySync(), [0.125, 0.125]);
  });
  it('noGrad and detach stop the graph; views propagate', () => {
    const x = nb.tensor([1, 2, 3, 4], { requiresGrad: true });
    assert.equal(nb.noGrad(() => x.mul(2)).requiresGrad, false);
    assert.equal(x.detach().mul(2).requiresGrad, false);
    x.reshape([2, 2]).slice([1, 0]).mul(nb.tensor([[10, 20]])).sum().backward();
    assert.deepEqual(x.grad!.arraySync(), [0, 0, 10, 20]);
  });
  it('undoes broadcasting in backward', () => {
    const a = nb.tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = nb.tensor([1, 1, 1], { requiresGrad: true });
    const c = nb.tensor(2, { requiresGrad: true });
    a.mul(b).mul(c).sum().backward();
    assert.deepEqual(b.grad!.shape, [3]);
    assert.deepEqual(b.grad!.arraySync(), [10, 14, 18]);
    assert.equal(c.grad!.item(), 21);
  });
  it('gives float64 gradients to float64 leaves mixed with float32', () => {
    const a = nb.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const b = nb.tensor([3, 4], { requiresGrad: true });
    a.mul(b).sum().backward();
    assert.equal(a.grad!.dtype, 'float64');
    assert.equal(b.grad!.dtype, 'float32');
    assert.deepEqual(b.grad!.arraySync(), [1, 2]);
  });
  it('refuses gradients on integer tensors', () => {
    assert.throws(() => nb.tensor([1, 2], { dtype: 'int32', requiresGrad: true }), /only float tensors can require gradients/);
  });
});

describe('memory', () => {
  it('tidy frees intermediates and keeps results', () => {
    const before = nb.memory().numTensors;
    const x = nb.tensor([1, 2]);
    const y = nb.tidy(() => x.mul(2).add(1).exp());
    assert.equal(nb.memory().numTensors, before + 2);
    const pair = nb.tidy(() => ({ a: x.add(1), list: [x.sub(1)] }));
    assert.equal(nb.memory().numTensors, before + 4);
    pair.a.dispose();
    pair.list[0]!.dispose();
    y.dispose();
    x.dispose();
    assert.equal(nb.memory().numTensors, before);
  });
  it('keeps leaf gradients through tidy, frees the backward temporaries', () => {
    const w = nb.randomNormal([3, 3], { seed: 1, requiresGrad: true });
    const before = nb.memory().numTensors;
    nb.tidy(() => w.matmul(w).tanh().sum().backward());
    assert.equal(nb.memory().numTensors, before + 1, 'only w.grad remains');
    w.zeroGrad();
    assert.equal(nb.memory().numTensors, before);
  });
  it('shares storage between views and frees it with the last one', () => {
    const start = nb.memory();
    const x = nb.zeros([4]);
    const v = x.reshape([2, 2]);
    x.dispose();
    assert.equal(nb.memory().numBuffers, start.numBuffers + 1);
    assert.deepEqual(v.arraySync(), [[0, 0], [0, 0]]);
    v.dispose();
    assert.equal(nb.memory().numBuffers, start.numBuffers);
    assert.throws(() => v.add(1), /already disposed/);
  });
  it('refuses async functions in tidy', () => {
    assert.throws(() => nb.tidy(() => Promise.resolve(1)), /cannot span an await/);
  });
  it('supports `using` through Symbol.dispose', () => {
    const before = nb.memory().numTensors;
    {
      const t = nb.ones([2]);
      t[Symbol.dispose]();
    }
    assert.equal(nb.memory().numTensors, before);
  });
});
