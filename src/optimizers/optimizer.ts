/**
 * The optimizer contract: hyperparameters + per-variable state + one update rule. Subclasses
 * implement `updateStep`; the base handles gradient clipping, learning-rate schedules, the
 * iteration count and state serialisation (so training can resume exactly).
 */
import type { Tensor } from '../tensor/index.js';

/** A learning rate: constant, or a schedule of the step number. */
export interface LearningRateSchedule {
  readonly className: string;
  /** The learning rate at optimizer step `step` (0-based). */
  call(step: number): number;
  getConfig(): Record<string, unknown>;
}

/** Options every optimizer accepts (Keras names). */
export interface OptimizerConfig {
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient to this L2 norm. */
  clipNorm?: number;
  /** Clip each gradient elementwise to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Clip all gradients together to this global L2 norm. */
  globalClipNorm?: number;
  /** Decoupled weight decay (AdamW-style) where the optimizer supports it. */
  weightDecay?: number;
}

/** A named state tensor, for saving and restoring. */
export interface OptimizerWeight {
  readonly name: string;
  readonly value: Tensor;
}

export abstract class Optimizer {
  abstract readonly className: string;
  /** Steps taken so far. */
  iterations = 0;
  /**
   * Applies one update: each `[gradient, variable]` pair updates `variable` in place.
   * Implemented by the base (clipping, schedule, then `updateStep` per variable, under noGrad).
   */
  abstract applyGradients(pairs: ReadonlyArray<readonly [Tensor, Tensor]>): void;
  /** Convenience: applies `v.grad` for each variable that has one (PyTorch's `step()`). */
  abstract step(variables: readonly Tensor[]): void;
  /** The current learning rate. */
  abstract get learningRate(): number;
  abstract set learningRate(value: number);
  abstract getConfig(): Record<string, unknown>;
  /** State tensors (moments etc.) in a stable order, for model files. */
  abstract getWeights(): OptimizerWeight[];
  /** Restores state saved by `getWeights` (creating slots for the given variables). */
  abstract setWeights(weights: readonly OptimizerWeight[], variables: readonly Tensor[]): void;
  /** Frees the state tensors. */
  abstract dispose(): void;
}
