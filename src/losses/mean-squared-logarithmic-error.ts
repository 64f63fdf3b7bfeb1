/** Mean squared logarithmic error. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';

/**
 * `mean((ln(max(yPred, ε) + 1) − ln(max(yTrue, ε) + 1))², axis=−1)` with ε = 1e-7: values ≤ 0
 * are replaced by ε, as Keras does.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 */
export class MeanSquaredLogarithmicError extends Loss {
  override readonly className = 'MeanSquaredLogarithmicError';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'meanSquaredLogarithmicError';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const logPred = p.maximum(EPSILON).log1p();
    const logTrue = t.maximum(EPSILON).log1p();
    return logPred.sub(logTrue).square().mean(-1);
  }
}

/** Creates a `MeanSquaredLogarithmicError` loss (alias `msle`). */
export function meanSquaredLogarithmicError(config?: LossConfig): MeanSquaredLogarithmicError {
  return new MeanSquaredLogarithmicError(config);
}
