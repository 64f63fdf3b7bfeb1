/**
 * The fused dense op and the fused softmax backward against their composites (values and
 * gradients, float32), and float64 finite-difference checks. On the cpu backend (no fused
 * kernels) the same tests cover the composite fallback.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../index.js';
import { gradcheck, rand64 } from '../test-utils/gradcheck.js';
import type { Tensor } from '../tensor.js';

function close(actual: Tensor, expected: Tensor, tol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const a = actual.dataSync();
  const e = expected.dataSync();
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i]! - e[i]!) / Math.max(1, Math.abs(e[i]!));
    assert.ok(err <= tol, `${what} element ${i}: ${a[i]} vs ${e[i]}`);
  }
}

/** Value and gradients (x, kernel, bias) of `Σ r ⊙ f(x, kernel, bias)`. */
function run(
  f: (x: Tensor, k: Tensor, b: Tensor) => Tensor,
  inputs: [Tensor, Tensor, Tensor],
  r: Tensor,
): Tensor[] {
  const leaves = inputs.map((t) => t.detach().requireGrad()) as [Tensor, Tensor, Tensor];
  const out = f(...leaves);
  nb.tidy(() => out.mul(r).sum().backward());
  const result = [out.detach(), ...leaves.map((l) => l.grad!)];
  return result;
}

describe('denseForward', () => {
  // 7 columns: the SIMD kernels' 4-wide body and their scalar tail both run.
  const shapes: [number, number, number][] = [
    [5, 6, 7],
    [32, 20, 12],
  ];
  for (const activation of ['linear', 'relu'] as const) {
    for (const [rows, inDim, units] of shapes) {
      const label = `${activation} [${rows},${inDim}]@[${inDim},${units}]`;
      it(`${label} equals the composite, values and gradients`, () => {
        const x = nb.randomNormal([rows, inDim], { seed: 1 });
        const k = nb.randomNormal([inDim, units], { seed: 2 });
        const b = nb.randomNormal([units], { seed: 3 });
        const r = nb.randomNormal([rows, units], { seed: 4 });
        const fused = run((a, w, c) => nb.denseForward(a, w, c, activation), [x, k, b], r);
        const composite = run((a, w, c) => nb.denseComposite(a, w, c, activation), [x, k, b], r);
        const names = ['value', 'dx', 'dkernel', 'dbias'];
        fused.forEach((t, i) => close(t, composite[i]!, 1e-6, names[i]!));
        if (activation === 'relu') {
          const zeros = Array.from(fused[0]!.dataSync()).filter((v) => v === 0).length;
          assert.ok(zeros > 0 && zeros < rows * units, 'the ReLU is active on some outputs only');
        }
      });
    }
    it(`${activation}: float64 gradients match finite differences`, () => {
      const x = rand64([4, 5], 11);
      const k = rand64([5, 6], 12);
      const b = rand64([6], 13);
      // Keep pre-activations away from the ReLU kink so central differences are valid.
      const safe = nb.tidy(() => {
        const z = nb.denseComposite(x, k, b);
        return b.add(nb.where(z.abs().lt(0.05), nb.scalar(0.2, 'float64'), 0).max(0));
      });
      const f = (a: Tensor, w: Tensor, c: Tensor): Tensor => nb.denseForward(a, w, c, activation);
      gradcheck(`denseForward ${activation}`, f, [x, k, safe]);
    });
  }

  it('handles inputs of rank 3 and a missing bias like the composite', () => {
    const x = nb.randomNormal([2, 3, 4], { seed: 5 });
    const k = nb.randomNormal([4, 5], { seed: 6 });
    const b = nb.randomNormal([5], { seed: 7 });
    close(nb.denseForward(x, k, b, 'relu'), nb.relu(nb.matmul(x, k).add(b)), 1e-6, 'rank 3');
    close(nb.denseForward(x, k, null, 'relu'), nb.relu(nb.matmul(x, k)), 1e-6, 'no bias');
  });

  it('names the op and the shapes on a bad kernel or bias', () => {
    const x = nb.zeros([2, 3]);
    assert.throws(() => nb.denseForward(x, nb.zeros([3]), null), /denseForward: .*kernel \[3\]/);
    assert.throws(() => nb.denseForward(x, nb.zeros([3, 4]), nb.zeros([5])), /bias \[5\]/);
  });

  it('frees its temporaries: no tensor outlives a training-style step', () => {
    const k = nb.randomNormal([6, 4], { seed: 8, requiresGrad: true });
    const b = nb.zeros([4]).requireGrad();
    const x = nb.randomNormal([3, 6], { seed: 9 });
    const before = nb.memory().numTensors;
    nb.tidy(() => nb.denseForward(x, k, b, 'relu').sum().backward());
    assert.equal(nb.memory().numTensors, before + 2, 'only the two leaf gradients remain');
    k.zeroGrad();
    b.zeroGrad();
    assert.equal(nb.memory().numTensors, before);
  });
});

describe('softmax backward', () => {
  it('equals the composite softmax gradient (float32, 10 and 3 columns)', () => {
    for (const cols of [10, 3]) {
      const x = nb.randomNormal([6, cols], { seed: 21 });
      const r = nb.randomNormal([6, cols], { seed: 22 });
      const grad = (f: (t: Tensor) => Tensor): Tensor => {
        const leaf = x.detach().requireGrad();
        nb.tidy(() => f(leaf).mul(r).sum().backward());
        return leaf.grad!;
      };
      const composite = grad((t) => nb.softmaxComposite(t));
      close(grad((t) => nb.softmax(t)), composite, 1e-6, `softmax ${cols}`);
    }
  });
});
