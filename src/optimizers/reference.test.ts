/**
 * Every optimizer against reference trajectories computed with Keras 3's formulas in float64
 * PyTorch (test/fixtures/optimizers/make_optimizers.py, which also checks those formulas against
 * torch.optim wherever PyTorch runs the same algorithm).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { DType } from '../core/dtype.js';
import { memory, tensor, type Tensor } from '../tensor/index.js';
import { getOptimizer } from './index.js';

interface Case {
  name: string;
  className: string;
  config: Record<string, unknown>;
  shapes: number[][];
  init: number[][];
  grads: number[][][];
  expected: number[][][];
  checkedAgainst: string | null;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/optimizers/optimizers.json', import.meta.url), 'utf8'),
) as { steps: number; cases: Case[] };

function run(c: Case, dtype: DType, fused: boolean): number[][][] {
  const variables = c.init.map((values, i) => tensor(values, { shape: c.shapes[i], dtype }));
  const optimizer = getOptimizer({ className: c.className, config: c.config });
  optimizer.useFusedKernels = fused;
  const trajectory: number[][][] = [];
  for (const stepGrads of c.grads) {
    const grads = stepGrads.map((values, i) => tensor(values, { shape: c.shapes[i], dtype }));
    optimizer.applyGradients(grads.map((g, i): [Tensor, Tensor] => [g, variables[i]!]));
    for (const g of grads) g.dispose();
    trajectory.push(variables.map((v) => Array.from(v.dataSync())));
  }
  optimizer.dispose();
  for (const v of variables) v.dispose();
  return trajectory;
}

function compare(c: Case, actual: number[][][], tol: number): void {
  actual.forEach((variables, step) => {
    variables.forEach((values, i) => {
      values.forEach((x, j) => {
        const want = c.expected[step]![i]![j]!;
        const err = Math.abs(x - want);
        assert.ok(
          err <= tol * (1 + Math.abs(want)),
          `${c.name}: step ${step + 1}, variable ${i}[${j}]: ${x} vs ${want} (error ${err})`,
        );
      });
    });
  });
}

describe('optimizers against the Keras-formula references', () => {
  assert.ok(fixture.cases.length >= 17);
  for (const c of fixture.cases) {
    const source = c.checkedAgainst ? ` (formula checked against ${c.checkedAgainst})` : '';
    it(`${c.name}: float64 to 1e-10${source}`, () => {
      compare(c, run(c, 'float64', true), 1e-10);
    });
    it(`${c.name}: float32 to float32 rounding`, () => {
      compare(c, run(c, 'float32', true), 2e-6);
    });
  }

  it('frees every intermediate: the live-tensor count is flat over steps', () => {
    const c = fixture.cases.find((x) => x.name === 'rmsprop_momentum_centered')!;
    run(c, 'float32', false);
    const before = memory().numTensors;
    run(c, 'float32', false);
    assert.equal(memory().numTensors, before);
  });
});
