/** Mean absolute error. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';

/**
 * Mean of absolute differences over the last axis: `mean(|yTrue − yPred|, axis=−1)`.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 *
 * @example nb.losses.meanAbsoluteError().call(nb.tensor([[0, 1]]), nb.tensor([[1, 1]])) // 0.5
 */
export class MeanAbsoluteError extends Loss {
  override readonly className = 'MeanAbsoluteError';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'meanAbsoluteError';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return p.sub(t).abs().mean(-1);
  }
}

/** Creates a `MeanAbsoluteError` loss (alias `mae`). */
export function meanAbsoluteError(config?: LossConfig): MeanAbsoluteError {
  return new MeanAbsoluteError(config);
}
