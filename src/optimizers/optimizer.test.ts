/** What the base class does for every optimizer: clipping, weight decay, checks, memory. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpuBackend, cpuBackend } from '../backends/cpu/cpu-backend.js';
import { memory, setBackend, tensor, tidy, type Tensor } from '../tensor/index.js';
import { Adam } from './adam.js';
import { clipByGlobalNorm, clipByNorm, globalNorm } from './clip.js';
import { SGD } from './sgd.js';

const values = (t: Tensor): number[] => Array.from(t.dataSync());
const f64 = (data: number[]): Tensor => tensor(data, { dtype: 'float64' });

describe('gradient clipping', () => {
  it('clipNorm rescales each gradient to norm ≤ clipNorm: g · c / max(‖g‖, c)', () => {
    const w = f64([0, 0]);
    const v = f64([0, 0]);
    const opt = new SGD({ learningRate: 1, clipNorm: 1 });
    // ‖[3, 4]‖ = 5 → [0.6, 0.8]; ‖[0.3, 0.4]‖ = 0.5 ≤ 1 → unchanged
    opt.applyGradients([[f64([3, 4]), w], [f64([0.3, 0.4]), v]]);
    assert.ok(Math.abs(values(w)[0]! + 0.6) < 1e-15 && Math.abs(values(w)[1]! + 0.8) < 1e-15);
    assert.deepEqual(values(v), [-0.3, -0.4]);
  });

  it('globalClipNorm rescales all gradients by one factor', () => {
    const w = f64([0]);
    const v = f64([0]);
    const opt = new SGD({ learningRate: 1, globalClipNorm: 1 });
    // global norm √(3² + 4²) = 5 → every gradient × 1/5
    opt.applyGradients([[f64([3]), w], [f64([4]), v]]);
    assert.ok(Math.abs(w.item() + 0.6) < 1e-15 && Math.abs(v.item() + 0.8) < 1e-15);
    // below the threshold nothing changes (and no copy is made)
    const small = [f64([0.3]), f64([0.4])];
    const same = clipByGlobalNorm(small, 1);
    assert.equal(same[0], small[0]);
    assert.equal(globalNorm(small), 0.5);
    // a non-finite global norm poisons every gradient, as in Keras
    const poisoned = clipByGlobalNorm([f64([Infinity]), f64([1])], 1);
    assert.ok(Number.isNaN(poisoned[1]!.item()));
  });

  it('clipValue clips elementwise', () => {
    const w = f64([0, 0, 0]);
    new SGD({ learningRate: 1, clipValue: 0.5 }).applyGradients([[f64([3, -0.2, -7]), w]]);
    assert.deepEqual(values(w), [-0.5, 0.2, 0.5]);
  });

  it('clipByNorm returns the gradient itself when it is short enough', () => {
    const g = f64([0.3, 0.4]);
    assert.equal(clipByNorm(g, 0.5), g);
    assert.deepEqual(values(clipByNorm(g, 0.25)), [0.15, 0.2]);
  });

  it('accepts one clip option at most, each > 0', () => {
    assert.throws(
      () => new SGD({ clipNorm: 1, clipValue: 1 }),
      /only one of clipNorm, clipValue and globalClipNorm/,
    );
    assert.throws(() => new Adam({ clipNorm: 0 }), /Adam: clipNorm must be in \(0, ∞\), got 0/);
    assert.throws(() => new Adam({ globalClipNorm: -1 }), /globalClipNorm must be in/);
  });
});

describe('weight decay (any optimizer, as in Keras)', () => {
  it('shrinks w by w · weightDecay · lr before the update, except excluded variables', () => {
    const kernel = f64([2]);
    const bias = f64([2]);
    kernel.name = 'dense/kernel';
    bias.name = 'dense/bias';
    const opt = new SGD({ learningRate: 0.1, weightDecay: 0.5 });
    opt.excludeFromWeightDecay({ varNames: ['bias'] });
    opt.applyGradients([[f64([1]), kernel], [f64([1]), bias]]);
    assert.ok(Math.abs(kernel.item() - (2 - 2 * 0.5 * 0.1 - 0.1)) < 1e-15); // 1.8
    assert.ok(Math.abs(bias.item() - 1.9) < 1e-15);
    const other = f64([2]);
    opt.excludeFromWeightDecay({ variables: [other] });
    opt.applyGradients([[f64([0]), other]]);
    assert.equal(other.item(), 2);
  });
});

describe('applyGradients and step', () => {
  it('skips variables without a gradient; step() reads v.grad', () => {
    const a = f64([1]);
    const b = f64([1]);
    const opt = new SGD({ learningRate: 0.5 });
    opt.applyGradients([[f64([1]), a], [null, b]]);
    assert.deepEqual([a.item(), b.item()], [0.5, 1]);
    a.requireGrad();
    b.requireGrad();
    a.mul(a).sum().backward(); // d(a²)/da = 2a = 1
    opt.step([a, b]);
    assert.deepEqual([a.item(), b.item()], [0, 1]);
    assert.equal(opt.iterations, 2);
    opt.step([b]); // nothing has a gradient: no step
    assert.equal(opt.iterations, 2);
    opt.applyGradients([]);
    assert.equal(opt.iterations, 2);
  });

  it('names the problem when gradients or variables are wrong', () => {
    const w = tensor([1, 2]);
    w.name = 'dense/bias';
    const counts = tensor([1], { dtype: 'int32' });
    const opt = new Adam();
    assert.throws(
      () => opt.applyGradients([[tensor([1, 2, 3]), w]]),
      /Adam.applyGradients: gradient \[3\] does not match dense\/bias \[2\]/,
    );
    assert.throws(() => opt.applyGradients([[null, w]]), /no gradient was given for any variable/);
    assert.throws(
      () => opt.applyGradients([[counts, counts]]),
      /variable \[1\] is int32; only float variables can be trained/,
    );
    assert.throws(
      () => opt.applyGradients([[[1, 2] as never, w]]),
      /each gradient must be a Tensor or null/,
    );
  });

  it('keeps its state alive when called inside a tidy', () => {
    const w = tensor([1, 2]);
    const opt = new Adam({ learningRate: 0.1 });
    tidy(() => opt.applyGradients([[tensor([1, 1]), w]]));
    opt.applyGradients([[tensor([1, 1]), w]]);
    const momentum = values(opt.getWeights()[2]!.value);
    assert.deepEqual(momentum.map((x) => Math.round(x * 1e6) / 1e6), [0.19, 0.19]);
  });

  it('creates the state on the variable’s backend, whatever the active one', () => {
    const other = new CpuBackend();
    setBackend(other);
    const w = tensor([1, 2]);
    const g = tensor([1, 1]);
    setBackend(cpuBackend);
    const opt = new Adam({ learningRate: 0.1 });
    opt.applyGradients([[g, w]]);
    opt.applyGradients([[g, w]]);
    assert.equal(opt.getWeights()[2]!.value.backend, other);
  });

  it('frees every intermediate: the live-tensor count is flat from step to step', () => {
    const w = tensor([1, 2, 3]);
    const g = tensor([0.1, 0.2, 0.3]);
    const opt = new Adam({ learningRate: 0.1, amsgrad: true, clipNorm: 0.1, weightDecay: 0.01 });
    opt.applyGradients([[g, w]]);
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) opt.applyGradients([[g, w]]);
    assert.equal(memory().numTensors, before);
    opt.dispose();
    assert.equal(memory().numTensors, before - 3);
    assert.equal(opt.iterations, 0);
  });
});
