/**
 * Every loss against reference values computed with PyTorch following Keras 3's formulas
 * (test/fixtures/losses/make_losses.py), then gradients against finite differences in float64.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tensor, tidy, type NestedArray, type Tensor } from '../tensor/index.js';
import { gradcheck } from '../tensor/test-utils/gradcheck.js';
import { getLoss } from './index.js';

interface Case {
  id: string;
  loss: string;
  config: Record<string, unknown>;
  yTrue: NestedArray;
  yTrueDtype: 'float64' | 'int32';
  yPred: NestedArray;
  sampleWeight: number[] | null;
  perSample: number[];
  perSampleShape: number[];
  value: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/losses/losses.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function inputs(c: Case, dtype: 'float32' | 'float64'): [Tensor, Tensor, Tensor | null] {
  const yTrue = tensor(c.yTrue, { dtype: c.yTrueDtype === 'int32' ? 'int32' : dtype });
  const yPred = tensor(c.yPred, { dtype });
  const weight = c.sampleWeight ? tensor(c.sampleWeight, { dtype }) : null;
  return [yTrue, yPred, weight];
}

function assertNear(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Math.abs(a - e) <= rel * Math.max(1, Math.abs(e));
    assert.ok(ok, `${what}[${i}]: got ${a}, expected ${e}`);
  }
}

test('the fixture covers every loss', () => {
  const covered = new Set(fixture.cases.map((c) => getLoss(c.loss).className));
  const all = [
    'MeanSquaredError', 'MeanAbsoluteError', 'MeanAbsolutePercentageError',
    'MeanSquaredLogarithmicError', 'Huber', 'LogCosh', 'BinaryCrossentropy',
    'CategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'KLDivergence', 'Poisson',
    'CosineSimilarity', 'Hinge', 'SquaredHinge', 'CategoricalHinge',
  ];
  assert.deepEqual([...covered].sort(), [...all].sort());
});

for (const c of fixture.cases) {
  test(`${c.id}: per-sample values and weighted mean match the reference (float64)`, () => {
    tidy(() => {
      const [yTrue, yPred, weight] = inputs(c, 'float64');
      const loss = getLoss({ className: getLoss(c.loss).className, config: c.config });
      const perSample = loss.compute(yTrue, yPred);
      assert.deepEqual(perSample.shape, c.perSampleShape);
      assertNear(perSample.dataSync(), c.perSample, 1e-10, c.id);
      assertNear([loss.call(yTrue, yPred, weight).item()], [c.value], 1e-10, `${c.id} call`);
    });
  });

  test(`${c.id}: float32 stays finite and close`, () => {
    tidy(() => {
      const [yTrue, yPred, weight] = inputs(c, 'float32');
      const loss = getLoss({ className: getLoss(c.loss).className, config: c.config });
      const value = loss.call(yTrue, yPred, weight);
      assert.equal(value.dtype, 'float32');
      assert.ok(Number.isFinite(value.item()), `${c.id}: ${value.item()}`);
      // At a probability of exactly 0 or 1, float32 clips at 1 − 1.19e-7, not 1 − 1e-7.
      if (!/saturated|zeros/.test(c.id)) assertNear([value.item()], [c.value], 2e-5, c.id);
    });
  });

  // Finite differences straddle the clip boundaries and the zero vector's kink: skip those.
  if (!/saturated|zeros|zero vector/.test(c.id)) {
    test(`${c.id}: gradient with respect to yPred matches finite differences`, () => {
      const [yTrue, yPred, weight] = inputs(c, 'float64');
      const loss = getLoss({ className: getLoss(c.loss).className, config: c.config });
      // MAPE divides a zero target by ε = 1e-7: the loss is ~1e7, so the step must be larger
      // for the rounding of the differences not to dominate (the loss is linear there).
      const options = c.loss === 'meanAbsolutePercentageError' ? { eps: 1e-2 } : {};
      const { maxError } = gradcheck(c.id, (p) => loss.call(yTrue, p, weight), [yPred], options);
      assert.ok(maxError < 1e-6);
    });
  }
}
