/**
 * One training step and one test step: the hot path of `fit` (thousands of calls per epoch),
 * so it does the minimum around the math and frees every intermediate tensor with `tidy`.
 */
import { noGrad, tidy, type Tensor } from '../tensor/index.js';
import type { CallOptions } from '../nn/layer.js';
import type { CompiledState } from './compile.js';
import type { Batch } from './data-adapter.js';
import type { Model } from './model.js';

const TRAINING: CallOptions = { training: true };
const INFERENCE: CallOptions = { training: false };

/**
 * Forward with `training: true`, the loss plus regularization penalties, backward, one
 * optimizer update, constraints, metrics. Writes each output's loss into `parts` and returns
 * the total loss.
 */
export function trainStep(
  model: Model,
  compiled: CompiledState,
  variables: readonly Tensor[],
  batch: Batch,
  parts: number[],
): number {
  return tidy(() => {
    model.clearLosses();
    const preds = model.forward(batch.xs, TRAINING);
    const { total, parts: partLosses } = compiled.computeLoss(batch.ys!, preds, batch.sampleWeight);
    const penalty = model.regularizationLoss();
    const objective = penalty ? total.add(penalty) : total;
    if (objective.requiresGrad) {
      objective.backward();
      const pairs: [Tensor | null, Tensor][] = new Array(variables.length);
      for (let i = 0; i < variables.length; i++) pairs[i] = [variables[i]!.grad, variables[i]!];
      compiled.optimizer.applyGradients(pairs);
      for (const v of variables) v.zeroGrad();
      model.applyConstraints();
    }
    compiled.updateMetrics(batch.ys!, preds, batch.sampleWeight);
    for (let i = 0; i < partLosses.length; i++) parts[i] = partLosses[i]?.item() ?? NaN;
    return objective.item();
  });
}

/** Forward in inference mode, loss and metrics; no gradients. Same outputs as `trainStep`. */
export function testStep(
  model: Model,
  compiled: CompiledState,
  batch: Batch,
  parts: number[],
): number {
  return noGrad(() =>
    tidy(() => {
      const preds = model.forward(batch.xs, INFERENCE);
      const { total, parts: partLosses } = compiled.computeLoss(
        batch.ys!,
        preds,
        batch.sampleWeight,
      );
      const penalty = model.regularizationLoss();
      const objective = penalty ? total.add(penalty) : total;
      compiled.updateMetrics(batch.ys!, preds, batch.sampleWeight);
      for (let i = 0; i < partLosses.length; i++) parts[i] = partLosses[i]?.item() ?? NaN;
      return objective.item();
    }),
  );
}

/** Outputs in inference mode, kept (not freed) for the caller. */
export function predictStep(model: Model, xs: readonly Tensor[]): Tensor[] {
  return noGrad(() => tidy(() => model.forward(xs, INFERENCE)));
}

/** Running, batch-size-weighted means of the total loss and each output's loss. */
export class LossTracker {
  private total = 0;
  private count = 0;
  private readonly partSums: number[];
  /** Scratch space the steps write per-output losses into (no allocation per step). */
  readonly parts: number[];

  constructor(private readonly compiled: CompiledState) {
    this.partSums = compiled.losses.map(() => 0);
    this.parts = compiled.losses.map(() => NaN);
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
    this.partSums.fill(0);
  }

  /** Adds a batch of `size` samples whose mean loss was `loss` (and `parts` per output). */
  add(loss: number, size: number): void {
    this.total += loss * size;
    this.count += size;
    for (let i = 0; i < this.parts.length; i++) this.partSums[i]! += this.parts[i]! * size;
  }

  /** `{loss, <output>_loss…, <metrics>…}` with `prefix` (e.g. `val_`) on every key. */
  logs(prefix = ''): Record<string, number> {
    const logs: Record<string, number> = { [`${prefix}loss`]: this.total / this.count };
    this.compiled.lossNames.forEach((name, i) => {
      if (name) logs[prefix + name] = this.partSums[i]! / this.count;
    });
    this.compiled.writeMetrics(logs, prefix);
    return logs;
  }
}
