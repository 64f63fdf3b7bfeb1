import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NablaError } from '../core/errors.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { SGD } from './sgd.js';

function assertClose(actual: Tensor, expected: number[], tol = 1e-6): void {
  const data = Array.from(actual.dataSync());
  assert.equal(data.length, expected.length);
  data.forEach((x, i) => {
    assert.ok(Math.abs(x - expected[i]!) <= tol, `element ${i}: ${x} vs ${expected[i]}`);
  });
}

// Every case: w₀ = [1, −2], the same gradient g = [0.5, −1] at each step, lr = 0.1.
const g = (): Tensor => tensor([0.5, -1]);

describe('SGD by hand', () => {
  it('plain: w ← w − lr·g', () => {
    const w = tensor([1, -2]);
    const opt = new SGD({ learningRate: 0.1 });
    opt.applyGradients([[g(), w]]);
    assertClose(w, [0.95, -1.9]); // 1 − 0.1·0.5, −2 + 0.1·1
    opt.applyGradients([[g(), w]]);
    assertClose(w, [0.9, -1.8]);
    assert.equal(opt.iterations, 2);
    assert.equal(opt.getWeights().length, 2, 'iteration + learningRate, no slots');
  });

  it('momentum 0.9: v ← 0.9·v − lr·g; w ← w + v', () => {
    const w = tensor([1, -2]);
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
    opt.applyGradients([[g(), w]]);
    // v₁ = −0.1·[0.5, −1] = [−0.05, 0.1]; w₁ = [0.95, −1.9]
    assertClose(w, [0.95, -1.9]);
    opt.applyGradients([[g(), w]]);
    // v₂ = 0.9·[−0.05, 0.1] − [0.05, −0.1] = [−0.095, 0.19]; w₂ = [0.855, −1.71]
    assertClose(w, [0.855, -1.71]);
    opt.applyGradients([[g(), w]]);
    // v₃ = 0.9·[−0.095, 0.19] − [0.05, −0.1] = [−0.1355, 0.271]; w₃ = [0.7195, −1.439]
    assertClose(w, [0.7195, -1.439]);
    const velocity = opt.getWeights()[2]!.value;
    assertClose(velocity, [-0.1355, 0.271]);
  });

  it('nesterov: w ← w + 0.9·v − lr·g after updating v', () => {
    const w = tensor([1, -2]);
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
    opt.applyGradients([[g(), w]]);
    // v₁ = [−0.05, 0.1]; w₁ = [1 − 0.045 − 0.05, −2 + 0.09 + 0.1] = [0.905, −1.81]
    assertClose(w, [0.905, -1.81]);
    opt.applyGradients([[g(), w]]);
    // v₂ = [−0.095, 0.19]; w₂ = [0.905 − 0.0855 − 0.05, −1.81 + 0.171 + 0.1] = [0.7695, −1.539]
    assertClose(w, [0.7695, -1.539]);
  });

  it('defaults to Keras values: lr 0.01, no momentum', () => {
    const opt = new SGD();
    assert.equal(opt.learningRate, 0.01);
    assert.equal(opt.momentum, 0);
    assert.equal(opt.nesterov, false);
  });

  it('rejects bad hyperparameters at construction', () => {
    assert.throws(() => new SGD({ momentum: 1.5 }), /SGD: momentum must be in \[0, 1\], got 1.5/);
    assert.throws(() => new SGD({ momentum: -0.1 }), NablaError);
    assert.throws(() => new SGD({ learningRate: -1 }), /learningRate must be in \[0, ∞\)/);
    assert.throws(() => new SGD({ learningRate: Number.NaN }), /finite number/);
    assert.throws(() => new SGD({ nesterov: 1 as never }), /nesterov must be a boolean/);
    assert.throws(() => new SGD({ momentun: 0.9 } as never), /unknown option 'momentun'/);
  });
});
