import type { LearningRateSchedule } from '../optimizer.js';
import { checkBoolean, checkKeys, checkNumber, POSITIVE } from '../checks.js';

/** Options of `InverseTimeDecay`. */
export interface InverseTimeDecayConfig {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The step unit of the decay. Must be > 0. */
  decaySteps: number;
  /** How fast the rate falls, ≥ 0. */
  decayRate: number;
  /** Decay in whole periods (floor of step / decaySteps). Default false. */
  staircase?: boolean;
}

/**
 * Inverse time decay (Keras's `InverseTimeDecay`):
 * `lr(step) = initialLearningRate / (1 + decayRate · step / decaySteps)`, with
 * `step / decaySteps` floored when `staircase` is set.
 *
 * @example
 * // 0.1 / (1 + 0.5 · step)
 * nb.optimizers.schedules.inverseTimeDecay({
 *   initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 */
export class InverseTimeDecay implements LearningRateSchedule {
  readonly className = 'InverseTimeDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(config: InverseTimeDecayConfig) {
    const owner = this.className;
    checkKeys(owner, config, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
    const initial = config.initialLearningRate;
    this.initialLearningRate = checkNumber(owner, 'initialLearningRate', initial);
    this.decaySteps = checkNumber(owner, 'decaySteps', config.decaySteps, POSITIVE);
    this.decayRate = checkNumber(owner, 'decayRate', config.decayRate, { min: 0 });
    this.staircase = checkBoolean(owner, 'staircase', config.staircase, false);
  }

  call(step: number): number {
    let p = step / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return this.initialLearningRate / (1 + this.decayRate * p);
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
