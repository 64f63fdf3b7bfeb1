import type { LearningRateSchedule } from '../optimizer.js';
import { checkBoolean, checkKeys, checkNumber, POSITIVE } from '../checks.js';

/** Options of `PolynomialDecay` (Keras defaults). */
export interface PolynomialDecayConfig {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps to reach `endLearningRate`. Must be > 0. */
  decaySteps: number;
  /** The final rate. Default 0.0001. */
  endLearningRate?: number;
  /** The power of the polynomial, > 0. Default 1 (linear). */
  power?: number;
  /** Restart the decay after each multiple of `decaySteps`. Default false. */
  cycle?: boolean;
}

/**
 * Polynomial decay (Keras's `PolynomialDecay`) from `initialLearningRate` to `endLearningRate`:
 *
 * ```
 * D = decaySteps, or with cycle: decaySteps · ⌈step / decaySteps⌉ (1 at step 0)
 * s = min(step, D)
 * lr(step) = (initialLearningRate − endLearningRate) · (1 − s / D)^power + endLearningRate
 * ```
 *
 * @example
 * // from 0.1 to 0.01 in 10000 steps along a square root
 * nb.optimizers.schedules.polynomialDecay({
 *   initialLearningRate: 0.1, decaySteps: 10000, endLearningRate: 0.01, power: 0.5 });
 */
export class PolynomialDecay implements LearningRateSchedule {
  readonly className = 'PolynomialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;

  constructor(config: PolynomialDecayConfig) {
    const owner = this.className;
    const keys = ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle'];
    checkKeys(owner, config, keys);
    const initial = config.initialLearningRate;
    this.initialLearningRate = checkNumber(owner, 'initialLearningRate', initial);
    this.decaySteps = checkNumber(owner, 'decaySteps', config.decaySteps, POSITIVE);
    this.endLearningRate = checkNumber(owner, 'endLearningRate', config.endLearningRate ?? 0.0001);
    this.power = checkNumber(owner, 'power', config.power ?? 1, POSITIVE);
    this.cycle = checkBoolean(owner, 'cycle', config.cycle, false);
  }

  call(step: number): number {
    let decaySteps = this.decaySteps;
    let s = step;
    if (this.cycle) {
      decaySteps *= step === 0 ? 1 : Math.ceil(step / this.decaySteps);
    } else {
      s = Math.min(step, decaySteps);
    }
    const p = s / decaySteps;
    const span = this.initialLearningRate - this.endLearningRate;
    return span * (1 - p) ** this.power + this.endLearningRate;
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      endLearningRate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
    };
  }
}
