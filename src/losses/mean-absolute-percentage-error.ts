/** Mean absolute percentage error. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';

/**
 * `100 · mean(|(yTrue − yPred) / max(|yTrue|, ε)|, axis=−1)` with ε = 1e-7, as Keras (the
 * maximum keeps zero targets from dividing by zero).
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 *
 * @example nb.losses.mape().call(nb.tensor([[2, 4]]), nb.tensor([[1, 4]])) // 25
 */
export class MeanAbsolutePercentageError extends Loss {
  override readonly className = 'MeanAbsolutePercentageError';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'meanAbsolutePercentageError';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return t.sub(p).div(t.abs().maximum(EPSILON)).abs().mean(-1).mul(100);
  }
}

/** Creates a `MeanAbsolutePercentageError` loss (alias `mape`). */
export function meanAbsolutePercentageError(config?: LossConfig): MeanAbsolutePercentageError {
  return new MeanAbsolutePercentageError(config);
}
