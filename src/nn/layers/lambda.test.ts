import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concat, tensor, type Tensor } from '../../tensor/index.js';
import type { Tensors } from '../layer.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import type { SymbolicTensor } from '../symbolic.js';
import { input } from './input-layer.js';
import { lambda } from './lambda.js';

const square = (x: Tensors): Tensor => (x as Tensor).square();

describe('Lambda', () => {
  it('passes the harness (config kept in memory: it holds the function)', () => {
    checkLayer({
      make: lambda,
      config: { function: square },
      inputShape: [2, 3],
      json: false,
      expectedParams: 0,
    });
    const join = (xs: Tensors): Tensor => concat(xs as Tensor[], 1);
    checkLayer({
      make: lambda,
      config: { function: join },
      inputShape: [
        [2, 3],
        [2, 1],
      ],
      json: false,
      expectedOutputShape: [2, 4],
    });
  });
  it('applies the function with its arguments', () => {
    const scale = lambda({
      function: (x, args) => (x as Tensor).mul(args['k'] as number),
      arguments: { k: 3 },
    });
    assert.deepEqual((scale.apply(tensor([[1, 2]])) as Tensor).arraySync(), [[3, 6]]);
  });
  it('infers output shapes by running the function, keeping unknown sizes unknown', () => {
    const sumLast = lambda({ function: (x) => (x as Tensor).sum(-1, true) });
    assert.deepEqual((sumLast.apply(input({ shape: [null, 5] })) as SymbolicTensor).shape, [
      null,
      null,
      1,
    ]);
    const flatten = lambda({
      function: (x) => (x as Tensor).reshape([(x as Tensor).shape[0]!, -1]),
    });
    assert.deepEqual((flatten.apply(input({ shape: [2, 3] })) as SymbolicTensor).shape, [null, 6]);
  });
  it('uses a given outputShape (sample shape, or a function of the input shape)', () => {
    const a = lambda({ function: square, outputShape: [7] });
    assert.deepEqual(a.computeOutputShape([null, 3]), [null, 7]);
    const b = lambda({ function: square, outputShape: (s) => [...(s as (number | null)[]), 1] });
    assert.deepEqual(b.computeOutputShape([null, 3]), [null, 3, 1]);
  });
  it('requires a function', () => {
    assert.throws(() => lambda({ function: 3 as never }), /function must be a function/);
  });
});
