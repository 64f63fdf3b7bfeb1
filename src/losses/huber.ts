/** Huber loss. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';

/** Options of `Huber`. */
export interface HuberConfig extends LossConfig {
  /** Where the loss turns from quadratic to linear (default 1.0). */
  delta?: number;
}

/**
 * Quadratic for small errors, linear for large ones. With e = yPred − yTrue:
 * `½e²` where `|e| ≤ δ`, else `δ|e| − ½δ²`; then the mean over the last axis.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`.
 *
 * @example nb.losses.huber({ delta: 1 }).call(nb.tensor([[0, 0]]), nb.tensor([[0.5, 3]])) // 1.3125
 */
export class Huber extends Loss {
  override readonly className = 'Huber';
  readonly name: string;
  readonly delta: number;

  constructor(config: HuberConfig = {}) {
    super(config);
    this.name = config.name ?? 'huber';
    this.delta = config.delta ?? 1.0;
    if (!(Number.isFinite(this.delta) && this.delta >= 0)) {
      throw new NablaError(this.name, `delta must be a finite number ≥ 0, got ${config.delta}`);
    }
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const [t, p] = matchShapes(this.name, yTrue, yPred);
    const error = p.sub(t);
    const absError = error.abs();
    const quadratic = error.square().mul(0.5);
    const linear = absError.mul(this.delta).sub(0.5 * this.delta * this.delta);
    return quadratic.where(absError.le(this.delta), linear).mean(-1);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), delta: this.delta };
  }
}

/** Creates a `Huber` loss. */
export function huber(config?: HuberConfig): Huber {
  return new Huber(config);
}
