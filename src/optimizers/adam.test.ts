import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../tensor/index.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';

function assertClose(actual: Tensor, expected: number[], tol = 1e-6): void {
  const data = Array.from(actual.dataSync());
  assert.equal(data.length, expected.length);
  data.forEach((x, i) => {
    assert.ok(Math.abs(x - expected[i]!) <= tol, `element ${i}: ${x} vs ${expected[i]}`);
  });
}

describe('Adam by hand', () => {
  // w₀ = [1, −2], g = [0.5, −1] at both steps, lr = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-7.
  it('takes the first two steps as the Keras formula says', () => {
    const w = tensor([1, -2], { dtype: 'float64' });
    const opt = new Adam({ learningRate: 0.1 });
    opt.applyGradients([[tensor([0.5, -1], { dtype: 'float64' }), w]]);
    // t = 1: m = 0.1·g = [0.05, −0.1]; v = 0.001·g² = [0.00025, 0.001]
    //        α₁ = 0.1·√(1 − 0.999)/(1 − 0.9) = √0.001 = 0.0316227766
    //        w₁ = w₀ − α₁·m/(√v + ε)
    const a1 = Math.sqrt(0.001);
    const w1 = [
      1 - (a1 * 0.05) / (Math.sqrt(0.00025) + 1e-7),
      -2 + (a1 * 0.1) / (Math.sqrt(0.001) + 1e-7),
    ];
    assertClose(w, w1, 1e-12);
    assertClose(w, [0.9000006324515321, -1.900000316226766], 1e-12);
    opt.applyGradients([[tensor([0.5, -1], { dtype: 'float64' }), w]]);
    // t = 2: m = 0.9·m + 0.1·g = [0.095, −0.19]; v = 0.999·v + 0.001·g² = [0.00049975, 0.001999]
    //        α₂ = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.1·√0.001999/0.19 = 0.0235316725
    const a2 = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
    const w2 = [
      w1[0]! - (a2 * 0.095) / (Math.sqrt(0.00049975) + 1e-7),
      w1[1]! + (a2 * 0.19) / (Math.sqrt(0.001999) + 1e-7),
    ];
    assertClose(w, w2, 1e-12);
    assertClose(w, [0.8000010797749726, -1.800000539888987], 1e-12);
    const [, , m, v] = opt.getWeights();
    assertClose(m!.value, [0.095, -0.19], 1e-12);
    assertClose(v!.value, [0.00049975, 0.001999], 1e-12);
  });

  it('puts ε on √v, not on the bias-corrected √v̂ (PyTorch differs)', () => {
    // With a huge ε the placement dominates: Keras's step is α₁·m/(√v + ε).
    const w = tensor([0], { dtype: 'float64' });
    const g = tensor([1], { dtype: 'float64' });
    new Adam({ learningRate: 1, epsilon: 1 }).applyGradients([[g, w]]);
    const alpha = Math.sqrt(0.001) / 0.1;
    const keras = -(alpha * 0.1) / (Math.sqrt(0.001) + 1);
    const pytorch = -(0.1 / 0.1) / (Math.sqrt(0.001) / Math.sqrt(0.001) + 1);
    assertClose(w, [keras], 1e-12);
    assert.ok(Math.abs(keras - pytorch) > 0.1);
  });

  it('AMSGrad divides by the running maximum of v', () => {
    const w = tensor([0], { dtype: 'float64' });
    const opt = new Adam({ learningRate: 0.1, amsgrad: true });
    opt.applyGradients([[tensor([1], { dtype: 'float64' }), w]]);
    opt.applyGradients([[tensor([0.01], { dtype: 'float64' }), w]]);
    // v₁ = 0.001, v₂ = 0.999·0.001 + 0.001·1e-4 = 0.0009991 < v₁: v̂ stays 0.001
    const [, , m, v, vHat] = opt.getWeights();
    assertClose(v!.value, [0.0009991], 1e-15);
    assertClose(vHat!.value, [0.001], 1e-15);
    const w1 = -(Math.sqrt(0.001) * 0.1) / (Math.sqrt(0.001) + 1e-7);
    const m2 = 0.9 * 0.1 + 0.1 * 0.01;
    const a2 = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.81);
    assertClose(m!.value, [m2], 1e-15);
    assertClose(w, [w1 - (a2 * m2) / (Math.sqrt(0.001) + 1e-7)], 1e-12);
  });

  it('AdamW decays the weights by w·weightDecay·lr before the Adam step', () => {
    const w = tensor([2], { dtype: 'float64' });
    const opt = new AdamW({ learningRate: 0.1 });
    assert.equal(opt.weightDecay, 0.004);
    opt.applyGradients([[tensor([0.5], { dtype: 'float64' }), w]]);
    const decayed = 2 - 2 * 0.004 * 0.1;
    const step = (Math.sqrt(0.001) * 0.05) / (Math.sqrt(0.00025) + 1e-7);
    assertClose(w, [decayed - step], 1e-12);
  });

  it('has the Keras defaults and rejects bad hyperparameters', () => {
    const opt = new Adam();
    assert.deepEqual(
      [opt.learningRate, opt.beta1, opt.beta2, opt.epsilon, opt.amsgrad],
      [0.001, 0.9, 0.999, 1e-7, false],
    );
    assert.throws(() => new Adam({ beta1: 1 }), /Adam: beta1 must be in \[0, 1\), got 1/);
    assert.throws(() => new Adam({ beta2: -0.5 }), /beta2 must be in/);
    assert.throws(() => new Adam({ epsilon: -1 }), /epsilon must be in/);
    assert.throws(() => new AdamW({ weightDecay: -0.1 }), /AdamW: weightDecay must be in/);
    assert.throws(() => new AdamW({ weightDecay: null as never }), /AdamW: weightDecay/);
  });
});
