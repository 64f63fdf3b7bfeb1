/** Hinge loss. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { hingeLabels } from './hinge-labels.js';

/**
 * The maximum-margin loss of SVMs: `mean(max(1 − yTrue · yPred, 0), axis=−1)` for labels −1/1
 * (0/1 labels are converted, see `hingeLabels`).
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 */
export class Hinge extends Loss {
  override readonly className = 'Hinge';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'hinge';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return hingeLabels(t).mul(p).neg().add(1).relu().mean(-1);
  }
}

/** Creates a `Hinge` loss. */
export function hinge(config?: LossConfig): Hinge {
  return new Hinge(config);
}
