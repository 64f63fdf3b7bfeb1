import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ones, tensor, type Tensor } from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { dropout } from './dropout.js';

describe('Dropout', () => {
  it('passes the harness (inference: the identity)', () => {
    checkLayer({
      make: dropout,
      config: { rate: 0.5, seed: 3 },
      inputShape: [2, 5],
      expectedParams: 0,
    });
  });
  it('is the identity unless training', () => {
    const x = tensor([[1, 2, 3]]);
    assert.equal(dropout({ rate: 0.9 }).apply(x), x);
    assert.equal(dropout({ rate: 0.9 }).apply(x, { training: false }), x);
    assert.equal(dropout({ rate: 0 }).apply(x, { training: true }), x);
  });
  it('drops about `rate` of the elements and scales the rest by 1/(1 − rate)', () => {
    const out = (
      dropout({ rate: 0.25, seed: 1 }).apply(ones([200, 50]), { training: true }) as Tensor
    ).dataSync();
    const kept = out.filter((v) => v !== 0);
    assert.ok(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6));
    const dropped = 1 - kept.length / out.length;
    assert.ok(Math.abs(dropped - 0.25) < 0.015, `dropped ${dropped}`);
  });
  it('a seed makes the sequence of masks reproducible; successive masks differ', () => {
    const x = ones([4, 8]);
    const a = dropout({ rate: 0.5, seed: 42 });
    const b = dropout({ rate: 0.5, seed: 42 });
    const a1 = (a.apply(x, { training: true }) as Tensor).dataSync();
    const a2 = (a.apply(x, { training: true }) as Tensor).dataSync();
    assert.deepEqual((b.apply(x, { training: true }) as Tensor).dataSync(), a1);
    assert.deepEqual((b.apply(x, { training: true }) as Tensor).dataSync(), a2);
    assert.notDeepEqual(a1, a2);
  });
  it('noiseShape shares the mask along size-1 (and null = full) axes', () => {
    const out = dropout({ rate: 0.5, noiseShape: [null, 1, null], seed: 7 }).apply(
      ones([3, 4, 5]),
      { training: true },
    ) as Tensor;
    const rows = out.arraySync() as number[][][];
    for (const sample of rows) for (const step of sample) assert.deepEqual(step, sample[0]);
    assert.throws(
      () => dropout({ rate: 0.5, noiseShape: [1, 1] }).apply(ones([2, 2, 2]), { training: true }),
      /noiseShape/,
    );
  });
  it('rate 1 drops everything; the gradient is the mask over (1 − rate)', () => {
    assert.deepEqual(
      (dropout({ rate: 1 }).apply(tensor([[1, 2]]), { training: true }) as Tensor).arraySync(),
      [[0, 0]],
    );
    const x = tensor([[1, 2, 3, 4, 5, 6]], { dtype: 'float64', requiresGrad: true });
    const y = dropout({ rate: 0.5, seed: 5 }).apply(x, { training: true }) as Tensor;
    y.sum().backward();
    const out = y.dataSync();
    const grad = x.grad!.dataSync();
    out.forEach((v, i) => assert.equal(grad[i], v === 0 ? 0 : 2));
  });
  it('validates the rate and round-trips its config', () => {
    assert.throws(() => dropout({ rate: 1.5 }), /rate must be in \[0, 1\]/);
    const config = dropout({ rate: 0.3, noiseShape: [null, 1], seed: 2, name: 'drop' }).getConfig();
    assert.deepEqual(
      { rate: config['rate'], noiseShape: config['noiseShape'], seed: config['seed'] },
      { rate: 0.3, noiseShape: [null, 1], seed: 2 },
    );
  });
});
