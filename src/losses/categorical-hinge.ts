/** Categorical hinge loss. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';

/**
 * Multi-class hinge for one-hot targets: `max(neg − pos + 1, 0)` where
 * `pos = Σ yTrue · yPred` (the true class's score) and `neg = max((1 − yTrue) · yPred)` (the best
 * other score), both over the last axis.
 *
 * Shapes: `[batch, …, classes]` (both) → `[batch, …]`.
 */
export class CategoricalHinge extends Loss {
  override readonly className = 'CategoricalHinge';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'categoricalHinge';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const pos = t.mul(p).sum(-1);
    const neg = t.neg().add(1).mul(p).max(-1);
    return neg.sub(pos).add(1).relu();
  }
}

/** Creates a `CategoricalHinge` loss. */
export function categoricalHinge(config?: LossConfig): CategoricalHinge {
  return new CategoricalHinge(config);
}
