import assert from 'node:assert/strict';
import { it } from 'node:test';
import { broadcastReductionAxes, broadcastShapes, broadcastStrides, sizeOf, stridesOf } from './shape.js';
import { normAxes, normAxis } from './errors.js';

it('computes sizes and strides', () => {
  assert.equal(sizeOf([]), 1);
  assert.equal(sizeOf([2, 0, 3]), 0);
  assert.deepEqual(stridesOf([2, 3, 4]), [12, 4, 1]);
});

it('broadcasts like NumPy and names the op on a clash', () => {
  assert.deepEqual(broadcastShapes('add', [2, 1, 3], [4, 1]), [2, 4, 3]);
  assert.deepEqual(broadcastShapes('add', [], [5]), [5]);
  assert.throws(() => broadcastShapes('mul', [2, 3], [3, 2]), /^NablaError: mul: shapes \[2,3\] and \[3,2\] cannot be broadcast together$/);
  assert.deepEqual(broadcastStrides([3, 1], [2, 3, 4]), [0, 1, 0]);
  assert.deepEqual(broadcastReductionAxes([3, 1], [2, 3, 4]), [0, 2]);
});

it('normalises axes', () => {
  assert.equal(normAxis('op', -1, 3), 2);
  assert.deepEqual(normAxes('op', [2, -3], 3), [0, 2]);
  assert.deepEqual(normAxes('op', undefined, 2), [0, 1]);
  assert.throws(() => normAxis('sum', 3, 3, [1, 2, 3]), /sum: axis 3 is out of range for shape \[1,2,3\]/);
});
