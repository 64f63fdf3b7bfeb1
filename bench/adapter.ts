/**
 * The contract each JavaScript framework of the benchmark fulfils (nabla, TensorFlow.js), so
 * that one workload file times all of them the same way. PyTorch runs in its own process and
 * mirrors these steps in `peers/torch_bench.py`.
 */
import type { MlpWeights } from './fixture.js';

/** A framework and backend, as the table names it. */
export type FrameworkId = 'nabla-wasm' | 'nabla-cpu' | 'tfjs-cpu' | 'tfjs-wasm' | 'torch';

/** Display names, in table order. */
export const FRAMEWORK_LABELS: Record<FrameworkId, string> = {
  'nabla-wasm': 'nabla wasm',
  'nabla-cpu': 'nabla cpu (reference)',
  'tfjs-wasm': 'TF.js wasm',
  'tfjs-cpu': 'TF.js cpu',
  torch: 'PyTorch',
};

/** Thrown when a framework cannot run a workload; the table shows "n/a" and the reason. */
export class NotAvailable extends Error {
  override readonly name = 'NotAvailable';
}

/** An `n×n` by `n×n` float32 matrix product with its operands already in place. */
export interface GemmCase {
  /** One product; the result is freed (or kept for `flush`). */
  run(): void;
  /** Makes sure the last product has finished (called at the end of each timed round). */
  flush?(): void;
  dispose(): void;
}

/** The benchmark MLP (784 → 128 relu → 10 softmax), compiled with Adam and cross-entropy. */
export interface MlpModel {
  /** Moves training data in (not timed): `x [count, 784]`, one-hot `y [count, 10]`. */
  setTrainData(x: Float32Array, yOneHot: Float32Array, count: number): void;
  /** One epoch over the training data in its given order: batch 32, no shuffling. */
  fitEpoch(): Promise<void>;
  /** Moves inference data in (not timed): `x [count, 784]`. */
  setPredictData(x: Float32Array, count: number): void;
  /** Class probabilities `[count, 10]` of the inference data, in batches of `batchSize`. */
  predict(batchSize: number): Promise<Float32Array>;
  dispose(): void;
}

/** A framework, ready to build workloads. */
export interface Adapter {
  readonly id: FrameworkId;
  /** What actually runs, e.g. "backend wasm, 2 threads" (checked, not assumed). */
  describe(): string;
  gemm(n: number): Promise<GemmCase>;
  /** A fresh model holding these initial weights and a fresh optimizer. */
  mlp(weights: MlpWeights): Promise<MlpModel>;
}
