/** Bad input gets a clear error naming the op and the shapes, never a TypeError or garbage. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../index.js';
import { NablaError } from '../../core/errors.js';

const a = nb.zeros([2, 3]);
const b = nb.zeros([4, 5]);

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof NablaError && pattern.test(e.message));
}

describe('clear errors', () => {
  it('creation', () => {
    rejects(() => nb.tensor([[1, 2], [3]]), /^tensor: ragged nested array/);
    rejects(() => nb.tensor([1, 2, 3], [2, 2]), /^tensor: 3 values do not fill shape \[2,2\]/);
    rejects(() => nb.tensor(['a' as unknown as number]), /^tensor: values must be numbers/);
    rejects(() => nb.zeros([2, -1]), /^full: shape \[2,-1\] has an invalid dimension/);
    rejects(() => nb.tensor([1], { dtype: 'float16' as never }), /unknown dtype 'float16'/);
    rejects(() => nb.arange(0, 5, 0), /^arange: step must be finite and non-zero/);
    rejects(() => nb.randomUniform([2], { minval: 1, maxval: 0 }), /^randomUniform: minval 1 must be below maxval 0/);
  });
  it('elementwise', () => {
    rejects(() => a.add(b), /^add: shapes \[2,3\] and \[4,5\] cannot be broadcast together/);
    rejects(() => nb.where(nb.zeros([2]), a, a), /^where: condition must be bool/);
    rejects(() => nb.add('x' as never, a), /^add: operand must be a Tensor or a number/);
    rejects(() => nb.exp([1, 2] as never), /^exp: argument must be a Tensor, got an array/);
    rejects(() => a.clip(1, 0), /^clip: min 1 must not exceed max 0/);
  });
  it('reductions', () => {
    rejects(() => a.sum(2), /^sum: axis 2 is out of range for shape \[2,3\]/);
    rejects(() => a.mean([0, 0]), /^mean: repeated axis 0/);
    rejects(() => nb.zeros([0, 2]).max(0), /^max: cannot reduce over empty axis 0 of \[0,2\]/);
    rejects(() => a.argmax(1.5), /^argmax: axis must be an integer/);
  });
  it('matmul', () => {
    rejects(() => a.matmul(b), /^matmul: inner dimensions differ: \[2,3\] @ \[4,5\]/);
    rejects(() => nb.matmul(nb.zeros([2, 2, 3]), nb.zeros([3, 3, 2])), /^matmul: shapes \[2\] and \[3\] cannot be broadcast/);
    rejects(() => nb.dot(nb.zeros([2]), nb.zeros([3])), /^dot: vector lengths differ/);
  });
  it('shape ops', () => {
    rejects(() => a.reshape([4, 2]), /^reshape: cannot reshape \[2,3\] \(6 elements\) to \[4,2\]/);
    rejects(() => a.reshape([-1, -1]), /^reshape: only one -1 allowed/);
    rejects(() => a.transpose([0, 0]), /^transpose: repeated axis 0/);
    rejects(() => a.squeeze(0), /^squeeze: axis 0 of \[2,3\] has size 2, not 1/);
    rejects(() => a.slice([0, 0], [2, 3], [1, 0]), /^slice: step must be a non-zero integer/);
    rejects(() => nb.concat([a, b]), /^concat: shapes \[2,3\] and \[4,5\] differ outside axis 0/);
    rejects(() => nb.concat([]), /^concat: needs a non-empty array/);
    rejects(() => nb.stack([a, b]), /^stack: shapes differ/);
    rejects(() => a.split(4, 1), /^split: axis 1 of \[2,3\] does not split into 4 equal parts/);
    rejects(() => a.pad([[1, 1]]), /^pad: needs 2 \[before, after\] pairs/);
    rejects(() => a.tile([2]), /^tile: reps \[2\] must hold one non-negative integer per axis/);
    rejects(() => a.gather([3], 0), /^gather: index 3 is out of range for axis 0 of \[2,3\]/);
    rejects(() => a.broadcastTo([3, 3]), /^broadcastTo: shapes \[2,3\] and \[3,3\] cannot be broadcast/);
    rejects(() => nb.oneHot(nb.tensor([3], { dtype: 'int32' }), 3), /^oneHot: class index 3 is out of range for depth 3/);
  });
  it('softmax and activations', () => {
    rejects(() => nb.softmax(nb.tensor([1, 2], { dtype: 'int32' })), /^softmax: expects a float tensor, got int32 \[2\]/);
    rejects(() => nb.softmax(a, 2), /^softmax: axis 2 is out of range/);
  });
  it('disposed tensors', () => {
    const t = nb.ones([2]);
    t.dispose();
    rejects(() => t.mul(2), /^mul: tensor \[2\] was already disposed/);
    rejects(() => t.dataSync(), /^dataSync: tensor \[2\] was already disposed/);
  });
  it('backends', () => {
    rejects(() => nb.setBackend('gpu'), /^setBackend: unknown backend 'gpu'/);
  });
});
