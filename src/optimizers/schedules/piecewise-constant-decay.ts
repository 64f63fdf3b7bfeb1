import { NablaError } from '../../core/errors.js';
import type { LearningRateSchedule } from '../optimizer.js';
import { checkKeys, checkNumber } from '../checks.js';

/** Options of `PiecewiseConstantDecay`. */
export interface PiecewiseConstantDecayConfig {
  /** Strictly increasing step boundaries. */
  boundaries: readonly number[];
  /** One more value than boundaries: the rate on each interval. */
  values: readonly number[];
}

/**
 * A piecewise constant learning rate (Keras's `PiecewiseConstantDecay`): `values[0]` while
 * `step ≤ boundaries[0]`, `values[i]` while `boundaries[i−1] < step ≤ boundaries[i]`, and the
 * last value after the last boundary.
 *
 * @example
 * // 1.0 for steps 0..100000, 0.5 up to 110000, then 0.1
 * nb.optimizers.schedules.piecewiseConstantDecay({
 *   boundaries: [100000, 110000], values: [1, 0.5, 0.1] });
 */
export class PiecewiseConstantDecay implements LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];

  constructor(config: PiecewiseConstantDecayConfig) {
    const owner = this.className;
    checkKeys(owner, config, ['boundaries', 'values']);
    if (!Array.isArray(config.boundaries) || !Array.isArray(config.values)) {
      throw new NablaError(owner, 'boundaries and values must be arrays of numbers');
    }
    if (config.values.length !== config.boundaries.length + 1) {
      const counts = `${config.values.length} values for ${config.boundaries.length} boundaries`;
      throw new NablaError(owner, `values must have one more entry than boundaries, got ${counts}`);
    }
    this.boundaries = config.boundaries.map((b, i) => checkNumber(owner, `boundaries[${i}]`, b));
    this.values = config.values.map((v, i) => checkNumber(owner, `values[${i}]`, v));
    for (let i = 1; i < this.boundaries.length; i++) {
      if (this.boundaries[i]! <= this.boundaries[i - 1]!) {
        const list = `[${this.boundaries.join(', ')}]`;
        throw new NablaError(owner, `boundaries must increase strictly, got ${list}`);
      }
    }
  }

  call(step: number): number {
    let i = 0;
    while (i < this.boundaries.length && step > this.boundaries[i]!) i++;
    return this.values[i]!;
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values] };
  }
}
