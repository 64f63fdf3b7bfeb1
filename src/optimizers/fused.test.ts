/**
 * The fused update path against the composed one. The backend here is the reference CPU backend
 * plus fused kernels written in plain loops (what the wasm backend provides in SIMD), so both
 * paths run on identical storage and must agree to float32 rounding.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Backend, BackendBuffer } from '../backend/backend.js';
import { CpuBackend, cpuBackend } from '../backends/cpu/cpu-backend.js';
import { adamUpdate } from '../backends/cpu/kernels.js';
import { randomNormal, setBackend, type Tensor } from '../tensor/index.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { SgdUpdateKernel } from './fused.js';
import type { Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';

class FusedCpuBackend extends CpuBackend {
  override readonly name = 'cpu-fused';
  calls = { adam: 0, sgd: 0 };

  override adamUpdate(
    param: BackendBuffer,
    grad: BackendBuffer,
    m: BackendBuffer,
    v: BackendBuffer,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void {
    this.calls.adam++;
    const [p, g, mm, vv] = [param, grad, m, v].map((b) => this.view(b));
    adamUpdate(p!, g!, mm!, vv!, lr, beta1, beta2, epsilon);
  }

  override sgdUpdate: SgdUpdateKernel = (param, grad, velocity, lr, momentum, nesterov) => {
    this.calls.sgd++;
    const [p, g, vel] = [param, grad, velocity].map((b) => this.view(b));
    for (let i = 0; i < p!.length; i++) {
      vel![i] = momentum * vel![i]! - lr * g![i]!;
      p![i]! += nesterov ? momentum * vel![i]! - lr * g![i]! : vel![i]!;
    }
  };
}

afterEach(() => setBackend(cpuBackend));

interface TrainOptions {
  /** Whether step `i` may use the fused kernels. */
  fused: (step: number) => boolean;
  steps?: number;
  dtype?: 'float32' | 'float64';
}

/** Runs updates on fresh variables of `backend` with fixed gradients; returns the final values. */
function train(backend: Backend, optimizer: Optimizer, options: TrainOptions): Float32Array[] {
  setBackend(backend);
  const { steps = 6, dtype = 'float32' } = options;
  const shapes = [[16, 8], [8]];
  const variables = shapes.map((s, i) => randomNormal(s, { seed: 10 + i, dtype }));
  for (let step = 0; step < steps; step++) {
    optimizer.useFusedKernels = options.fused(step);
    // Gradients shrink at step 3 so that the moments' history matters.
    const stddev = step === 3 ? 0.01 : 1;
    const grads = shapes.map((s, i) => randomNormal(s, { seed: 100 * step + i, stddev, dtype }));
    optimizer.applyGradients(grads.map((g, i): [Tensor, Tensor] => [g, variables[i]!]));
    for (const g of grads) g.dispose();
  }
  return variables.map((v) => Float32Array.from(v.dataSync()));
}

const FUSED = { fused: () => true };
const COMPOSED = { fused: () => false };

function assertAgree(a: Float32Array[], b: Float32Array[], tol: number): void {
  a.forEach((values, i) => {
    values.forEach((x, j) => {
      const y = b[i]![j]!;
      assert.ok(Math.abs(x - y) <= tol * (1 + Math.abs(y)), `variable ${i}[${j}]: ${x} vs ${y}`);
    });
  });
}

describe('fused optimizer updates', () => {
  it('Adam: one adamUpdate call per variable and step, equal to the composed ops', () => {
    const backend = new FusedCpuBackend();
    const fused = train(backend, new Adam({ learningRate: 0.01 }), FUSED);
    assert.equal(backend.calls.adam, 12);
    const composed = train(backend, new Adam({ learningRate: 0.01 }), COMPOSED);
    assert.equal(backend.calls.adam, 12, 'the composed run must not touch the kernel');
    assertAgree(fused, composed, 1e-6);
    // The plain reference backend's own fused kernel gives the same numbers.
    assertAgree(train(cpuBackend, new Adam({ learningRate: 0.01 }), FUSED), fused, 0);
  });

  it('AdamW: weight decay composed, then the fused Adam step', () => {
    const backend = new FusedCpuBackend();
    const fused = train(backend, new AdamW({ learningRate: 0.01, weightDecay: 0.1 }), FUSED);
    assert.equal(backend.calls.adam, 12);
    const composed = train(backend, new AdamW({ learningRate: 0.01, weightDecay: 0.1 }), COMPOSED);
    assertAgree(fused, composed, 1e-6);
  });

  it('Adam with AMSGrad, or with float64 variables, keeps the composed path', () => {
    const backend = new FusedCpuBackend();
    train(backend, new Adam({ amsgrad: true }), FUSED);
    train(backend, new Adam(), { ...FUSED, dtype: 'float64' });
    assert.equal(backend.calls.adam, 0);
  });

  for (const nesterov of [false, true]) {
    it(`SGD momentum${nesterov ? ' (nesterov)' : ''}: sgdUpdate equals the composed ops`, () => {
      const backend = new FusedCpuBackend();
      const config = { learningRate: 0.05, momentum: 0.9, nesterov };
      const fused = train(backend, new SGD(config), FUSED);
      assert.equal(backend.calls.sgd, 12);
      const composed = train(backend, new SGD(config), COMPOSED);
      assert.equal(backend.calls.sgd, 12);
      assertAgree(fused, composed, 1e-6);
    });
  }

  it('shares its state with the composed path: switching mid-run changes nothing', () => {
    const backend = new FusedCpuBackend();
    const allFused = train(backend, new Adam({ learningRate: 0.01 }), FUSED);
    const mixed = train(backend, new Adam({ learningRate: 0.01 }), { fused: (s) => s % 2 === 1 });
    assert.equal(backend.calls.adam, 12 + 6);
    assertAgree(mixed, allFused, 1e-6);
  });
});
