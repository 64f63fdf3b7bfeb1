import type { LearningRateSchedule } from '../optimizer.js';
import { checkBoolean, checkKeys, checkNumber, POSITIVE } from '../checks.js';

/** Options of `ExponentialDecay`. */
export interface ExponentialDecayConfig {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps over which the rate is multiplied by `decayRate` once. Must be > 0. */
  decaySteps: number;
  /** The factor per `decaySteps` steps, > 0. */
  decayRate: number;
  /** Decay in whole periods (floor of step / decaySteps). Default false. */
  staircase?: boolean;
}

/**
 * Exponential decay (Keras's `ExponentialDecay`):
 * `lr(step) = initialLearningRate · decayRate^(step / decaySteps)`, with the exponent floored
 * when `staircase` is set.
 *
 * @example
 * // 0.1 at first, ×0.96 every 1000 steps
 * nb.optimizers.sgd({ learningRate: nb.optimizers.schedules.exponentialDecay({
 *   initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true }) });
 */
export class ExponentialDecay implements LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(config: ExponentialDecayConfig) {
    const owner = this.className;
    checkKeys(owner, config, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
    const initial = config.initialLearningRate;
    this.initialLearningRate = checkNumber(owner, 'initialLearningRate', initial);
    this.decaySteps = checkNumber(owner, 'decaySteps', config.decaySteps, POSITIVE);
    this.decayRate = checkNumber(owner, 'decayRate', config.decayRate, POSITIVE);
    this.staircase = checkBoolean(owner, 'staircase', config.staircase, false);
  }

  call(step: number): number {
    let p = step / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return this.initialLearningRate * this.decayRate ** p;
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
    };
  }
}
