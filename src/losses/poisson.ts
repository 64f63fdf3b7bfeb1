/** Poisson loss. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';

/**
 * The Poisson negative log-likelihood without its constant term, for count targets and a
 * positive rate `yPred`: `mean(yPred − yTrue · ln(yPred + ε), axis=−1)`, ε = 1e-7.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 */
export class Poisson extends Loss {
  override readonly className = 'Poisson';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'poisson';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    return p.sub(t.mul(p.add(EPSILON).log())).mean(-1);
  }
}

/** Creates a `Poisson` loss. */
export function poisson(config?: LossConfig): Poisson {
  return new Poisson(config);
}
