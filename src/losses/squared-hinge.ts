/** Squared hinge loss. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { hingeLabels } from './hinge-labels.js';

/**
 * `mean(max(1 − yTrue · yPred, 0)², axis=−1)` for labels −1/1 (0/1 labels are converted, see
 * `hingeLabels`). Smooth at the margin, unlike `hinge`.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 */
export class SquaredHinge extends Loss {
  override readonly className = 'SquaredHinge';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'squaredHinge';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return hingeLabels(t).mul(p).neg().add(1).relu().square().mean(-1);
  }
}

/** Creates a `SquaredHinge` loss. */
export function squaredHinge(config?: LossConfig): SquaredHinge {
  return new SquaredHinge(config);
}
