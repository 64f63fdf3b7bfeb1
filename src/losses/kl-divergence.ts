/** Kullback–Leibler divergence. */
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';

/**
 * `Σ yTrue · ln(yTrue / yPred)` over the last axis, both clipped to `[ε, 1]` (ε = 1e-7) first,
 * as Keras: zero targets contribute ≈ 0 and zero predictions stay finite.
 *
 * Shapes: `[batch, …, classes]` (both) → `[batch, …]`.
 */
export class KLDivergence extends Loss {
  override readonly className = 'KLDivergence';
  readonly name: string;

  constructor(config: LossConfig = {}) {
    super(config);
    this.name = config.name ?? 'kullbackLeiblerDivergence';
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const tc = t.clip(EPSILON, 1);
    const pc = p.clip(EPSILON, 1);
    return tc.mul(tc.div(pc).log()).sum(-1);
  }
}

/** Creates a `KLDivergence` loss (aliases `klDivergence`, `kld`). */
export function kullbackLeiblerDivergence(config?: LossConfig): KLDivergence {
  return new KLDivergence(config);
}
