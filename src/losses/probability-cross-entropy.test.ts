/** The fused categorical cross-entropy on probabilities against its composite definition. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memory, softmax, tensor, tidy, sigmoid, type Tensor } from '../tensor/index.js';
import { gradcheck, rand64 } from '../tensor/test-utils/gradcheck.js';
import {
  probabilityCrossEntropy,
  probabilityCrossEntropyComposite,
} from './probability-cross-entropy.js';
import { binaryCrossentropy, categoricalCrossentropy } from './index.js';

/** Values and gradients (for both inputs) of `f(yTrue, yPred)·r` summed. */
function valueAndGrads(f: (t: Tensor, p: Tensor) => Tensor, yTrue: Tensor, yPred: Tensor) {
  const t = yTrue.detach().requireGrad();
  const p = yPred.detach().requireGrad();
  const out = f(t, p);
  const ramp = Array.from({ length: out.size }, (_, i) => 1 + i);
  out.mul(tensor(ramp, { shape: out.shape, dtype: out.dtype })).sum().backward();
  return {
    value: Array.from(out.dataSync()),
    gradTrue: Array.from(t.grad!.dataSync()),
    gradPred: Array.from(p.grad!.dataSync()),
  };
}

function assertSame(a: number[], b: number[], tol: number, what: string): void {
  assert.equal(a.length, b.length);
  a.forEach((x, i) => {
    const ok = Math.abs(x - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!));
    assert.ok(ok, `${what}[${i}]: ${x} vs ${b[i]}`);
  });
}

const oneHot = [[0, 1, 0], [1, 0, 0], [0, 0, 1]];
const cases: [string, number[][], number[][]][] = [
  ['one-hot', oneHot, [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]]],
  [
    'soft targets, unnormalised rows',
    [[0.2, 0.8, 0], [0.5, 0.25, 0.25], [0, 0.3, 0.7]],
    [[0.4, 1.1, 0.5], [0.3, 0.3, 0.9], [2, 1, 1]],
  ],
  ['saturated 0 and 1', oneHot, [[0, 1, 0], [0, 1, 0], [1e-9, 0.5, 0.5]]],
];

for (const [name, y, p] of cases) {
  test(`fused and composite agree in value and both gradients: ${name}`, () => {
    tidy(() => {
      const yTrue = tensor(y, { dtype: 'float64' });
      const yPred = tensor(p, { dtype: 'float64' });
      const fused = valueAndGrads((t, q) => probabilityCrossEntropy(t, q), yTrue, yPred);
      const composite = valueAndGrads(probabilityCrossEntropyComposite, yTrue, yPred);
      assertSame(fused.value, composite.value, 1e-12, 'value');
      assertSame(fused.gradPred, composite.gradPred, 1e-9, 'gradPred');
      assertSame(fused.gradTrue, composite.gradTrue, 1e-12, 'gradTrue');
      const all = [...fused.value, ...fused.gradPred, ...fused.gradTrue];
      for (const v of all) assert.ok(Number.isFinite(v));
    });
  });
}

test('fused op: gradients for both inputs match finite differences', () => {
  const yTrue = rand64([4, 5], 3, 0, 1);
  const yPred = rand64([4, 5], 4, 0.05, 1);
  gradcheck('probabilityCrossEntropy', (t, q) => probabilityCrossEntropy(t, q), [yTrue, yPred]);
});

test('fused op on a rank-3 input reduces the last axis', () => {
  tidy(() => {
    const yTrue = rand64([2, 3, 4], 5, 0, 1);
    const yPred = rand64([2, 3, 4], 6, 0.05, 1);
    const fused = probabilityCrossEntropy(yTrue, yPred);
    assert.deepEqual(fused.shape, [2, 3]);
    const composite = probabilityCrossEntropyComposite(yTrue, yPred);
    assertSame(Array.from(fused.dataSync()), Array.from(composite.dataSync()), 1e-12, 'rank 3');
  });
});

test('a softmax saturated by logits of ±100 gives a finite loss and finite gradients', () => {
  tidy(() => {
    const logits = tensor([[100, -100, -100], [-100, 100, 100], [0, -100, 100]]).requireGrad();
    const yTrue = tensor([[1, 0, 0], [1, 0, 0], [0, 1, 0]]);
    const loss = categoricalCrossentropy().call(yTrue, softmax(logits));
    loss.backward();
    // Rows 2 and 3 put 0 on the target: −ln(1e-7) = 16.118 each, clipped as Keras.
    assert.ok(Math.abs(loss.item() - (0 + 2 * -Math.log(1e-7)) / 3) < 1e-3, `${loss.item()}`);
    for (const g of logits.grad!.dataSync()) assert.ok(Number.isFinite(g));
  });
});

test('a sigmoid saturated by logits of ±100: finite binary cross-entropy and gradients', () => {
  tidy(() => {
    const logits = tensor([[100], [-100], [100], [-100]]).requireGrad();
    const yTrue = tensor([[1], [0], [0], [1]]);
    const loss = binaryCrossentropy().call(yTrue, sigmoid(logits));
    loss.backward();
    assert.ok(Number.isFinite(loss.item()) && loss.item() > 7, `${loss.item()}`);
    for (const g of logits.grad!.dataSync()) assert.ok(Number.isFinite(g));
  });
});

test('a training step through the fused loss frees every intermediate', () => {
  const logits = rand64([8, 10], 9).requireGrad();
  const labels = Array.from({ length: 80 }, (_, i) => (i % 10 === i % 7 ? 1 : 0));
  const yTrue = tensor(labels, { shape: [8, 10], dtype: 'float64' });
  const loss = categoricalCrossentropy();
  const step = (): void => tidy(() => loss.call(yTrue, softmax(logits)).backward());
  step();
  logits.zeroGrad();
  const before = memory().numTensors;
  for (let i = 0; i < 5; i++) {
    step();
    logits.zeroGrad();
  }
  assert.equal(memory().numTensors, before);
});

test('other axes use the composite form', () => {
  tidy(() => {
    const yTrue = tensor([[1, 0], [0, 1], [0, 0]], { dtype: 'float64' });
    const yPred = tensor([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]], { dtype: 'float64' });
    const along0 = probabilityCrossEntropy(yTrue, yPred, 0);
    assertSame(Array.from(along0.dataSync()), [-Math.log(0.7), -Math.log(0.5)], 1e-12, 'axis 0');
  });
});
