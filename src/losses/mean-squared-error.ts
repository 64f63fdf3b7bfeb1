/** Mean squared error. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';

/**
 * Mean of squared differences over the last axis: `mean((yTrue − yPred)², axis=−1)`.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 *
 * @example nb.losses.meanSquaredError().call(nb.tensor([[0, 1]]), nb.tensor([[1, 1]])) // 0.5
 */
export class MeanSquaredError extends Loss {
  override readonly className = 'MeanSquaredError';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'meanSquaredError';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return p.sub(t).square().mean(-1);
  }
}

/** Creates a `MeanSquaredError` loss (alias `mse`). */
export function meanSquaredError(config?: LossConfig): MeanSquaredError {
  return new MeanSquaredError(config);
}
