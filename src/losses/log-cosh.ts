/** Log-cosh loss. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';

/**
 * `mean(ln cosh(yPred − yTrue), axis=−1)`, computed as `x + softplus(−2x) − ln 2` so that large
 * errors do not overflow `cosh`. Close to `x²/2` for small errors and `|x| − ln 2` for large.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 */
export class LogCosh extends Loss {
  override readonly className = 'LogCosh';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'logCosh';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const x = p.sub(t);
    return x.add(x.mul(-2).softplus()).sub(Math.LN2).mean(-1);
  }
}

/** Creates a `LogCosh` loss (alias `logcosh`). */
export function logCosh(config?: LossConfig): LogCosh {
  return new LogCosh(config);
}
