/** The article's numbers, as SPEC.md corrects them, reproduced to 1e-6. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workedExample } from '../examples/backprop.js';
import { activationTable } from '../examples/activations.js';

describe("the article's worked example (backpropagation)", () => {
  it('matches the corrected values to 1e-6', () => {
    const v = workedExample();
    const expected: Record<string, number> = {
      a1: 1.1, a2: 1.3, a3: 1.16, loss: 0.0578, 'dL/da3': -0.34,
      w31: 0.4374, w32: 0.4442, b3: 0.234, w1: 0.5272, b1: 0.1136, w2: 0.8272, b2: -0.2864,
    };
    for (const [name, value] of Object.entries(expected)) {
      assert.ok(Math.abs(v[name]! - value) < 1e-6, `${name}: got ${v[name]}, expected ${value}`);
    }
  });
});

describe("the article's activation examples", () => {
  it('matches SPEC.md and the exact formulas', () => {
    const t = activationTable();
    const x = [-2, -1, 0, 1, 2];
    const close = (got: number[], want: number[], tol: number, what: string): void =>
      want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) < tol, `${what}[${i}]: got ${got[i]}, expected ${w}`));
    close(t['sigmoid']!, x.map((v) => 1 / (1 + Math.exp(-v))), 1e-12, 'sigmoid');
    close(t['sigmoid']!, [0.1192, 0.2689, 0.5, 0.7311, 0.8808], 5e-5, 'sigmoid (SPEC, 4 decimals)');
    close(t['relu']!, [0, 0, 0, 1, 2], 1e-6, 'relu');
    close(t['leakyRelu']!, [-0.02, -0.01, 0, 1, 2], 1e-6, 'leakyRelu');
    close(t['hardSigmoid']!, x.map((v) => Math.min(1, Math.max(0, v / 6 + 0.5))), 1e-12, 'hardSigmoid');
    close(t['gelu']!, [-0.04550026389635842, -0.15865525393145707, 0, 0.8413447460685429, 1.9544997361036416], 1e-12, 'gelu');
  });
});

describe('the article\'s code sample (examples/quickstart.ts)', () => {
  it('trains the MLP on the bundled digits', async () => {
    const { quickstart } = await import('../examples/quickstart.js');
    const result = await quickstart({ epochs: 3, verbose: 0 });
    assert.ok(result.testAccuracy > 0.85, `test accuracy ${result.testAccuracy}`);
    assert.equal(result.history.history['loss']!.length, 3);
    assert.deepEqual(result.predictions.shape, [359, 10]);
    assert.match(result.summary, /Trainable params: 13,770/);
  });
});

describe('the PyTorch-style loop (examples/custom-loop.ts)', () => {
  it('fits a line with valueAndGrad and applyGradients', async () => {
    const { fitLine } = await import('../examples/custom-loop.js');
    const [slope, intercept] = fitLine();
    assert.ok(Math.abs(slope - 3) < 1e-2 && Math.abs(intercept + 1) < 1e-2, `${slope}, ${intercept}`);
  });
});
