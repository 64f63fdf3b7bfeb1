/** Cosine similarity loss. */
import { normAxis } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';

/** Options of `CosineSimilarity`. */
export interface CosineSimilarityConfig extends LossConfig {
  /** The feature axis along which vectors are compared (default −1). */
  axis?: number;
}

/** `x / max(‖x‖₂, ε)` along `axis`, written as `x · rsqrt(max(Σx², ε²))` as Keras's `normalize`. */
function l2Normalize(x: Tensor, axis: number): Tensor {
  return x.mul(x.square().sum(axis, true).maximum(EPSILON * EPSILON).rsqrt());
}

/**
 * The negated cosine similarity `−Σ (yTrue/‖yTrue‖) · (yPred/‖yPred‖)` along `axis`: −1 for
 * vectors pointing the same way, 0 for orthogonal ones or when either is the zero vector.
 * Norms below ε = 1e-7 are raised to ε, as Keras.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]` (the `axis` dimension removed).
 */
export class CosineSimilarity extends Loss {
  override readonly className = 'CosineSimilarity';
  readonly name: string;
  readonly axis: number;

  constructor(config: CosineSimilarityConfig = {}) {
    super(config);
    this.name = config.name ?? 'cosineSimilarity';
    this.axis = config.axis ?? -1;
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const axis = normAxis(this.name, this.axis, p.rank, p.shape);
    return l2Normalize(t, axis).mul(l2Normalize(p, axis)).sum(axis).neg();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a `CosineSimilarity` loss. */
export function cosineSimilarity(config?: CosineSimilarityConfig): CosineSimilarity {
  return new CosineSimilarity(config);
}
