/** Binary cross-entropy. */
import { NablaError, normAxis } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { matchShapes } from './match-shapes.js';
import { EPSILON } from './epsilon.js';
import { sigmoidCrossEntropyWithLogits } from './cross-entropy-with-logits.js';

/** Options of `BinaryCrossentropy`. */
export interface BinaryCrossentropyConfig extends LossConfig {
  /** `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Squeezes targets towards ½: `y·(1 − s) + ½s` (default 0). */
  labelSmoothing?: number;
  /** The axis the elementwise losses are averaged over (default −1). */
  axis?: number;
}

/**
 * Cross-entropy of independent binary targets, averaged over `axis`. On probabilities:
 * `−(y·ln p + (1 − y)·ln(1 − p))` with p clipped to `[ε, 1 − ε]` (ε = 1e-7), as Keras, so p = 0
 * or 1 stays finite. On logits x: the stable `max(x, 0) − x·y + ln(1 + e^(−|x|))`.
 *
 * Shapes: `[batch, …, d]` (both) → `[batch, …]`; `[batch]` targets are read as `[batch, 1]`.
 *
 * @example nb.losses.binaryCrossentropy().call(nb.tensor([[1], [0]]), nb.tensor([[0.9], [0.2]]))
 */
export class BinaryCrossentropy extends Loss {
  override readonly className = 'BinaryCrossentropy';
  readonly name: string;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: BinaryCrossentropyConfig = {}) {
    super(config);
    this.name = config.name ?? 'binaryCrossentropy';
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = checkSmoothing(this.name, config.labelSmoothing ?? 0);
    this.axis = config.axis ?? -1;
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    let [t, p] = matchShapes(this.name, yTrue, yPred);
    const axis = normAxis(this.name, this.axis, p.rank, p.shape);
    if (this.labelSmoothing > 0) {
      t = t.mul(1 - this.labelSmoothing).add(0.5 * this.labelSmoothing);
    }
    if (this.fromLogits) return sigmoidCrossEntropyWithLogits(t, p).mean(axis);
    const c = p.clip(EPSILON, 1 - EPSILON);
    const positive = t.mul(c.log());
    const negative = t.neg().add(1).mul(c.neg().add(1).log());
    return positive.add(negative).neg().mean(axis);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }
}

/** Throws unless the label smoothing is in [0, 1]. */
export function checkSmoothing(lossName: string, value: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw new NablaError(lossName, `labelSmoothing must be in [0, 1], got ${value}`);
  }
  return value;
}

/** Creates a `BinaryCrossentropy` loss. */
export function binaryCrossentropy(config?: BinaryCrossentropyConfig): BinaryCrossentropy {
  return new BinaryCrossentropy(config);
}
