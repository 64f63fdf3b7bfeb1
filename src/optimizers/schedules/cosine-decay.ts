import type { LearningRateSchedule } from '../optimizer.js';
import { checkKeys, checkNumber, checkOptional, POSITIVE } from '../checks.js';

/** Options of `CosineDecay` (Keras defaults). */
export interface CosineDecayConfig {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps of the cosine decay (after the warmup). Must be > 0. */
  decaySteps: number;
  /** The floor, as a fraction of the decay's starting rate, in [0, 1]. Default 0. */
  alpha?: number;
  /** The rate the linear warmup reaches; null (default) means no warmup. */
  warmupTarget?: number | null;
  /** Steps of the linear warmup, ≥ 0. Default 0. */
  warmupSteps?: number;
}

/**
 * Cosine decay with optional linear warmup (Keras 3's `CosineDecay`; Loshchilov & Hutter, 2016;
 * Goyal et al., 2017). With r₀ = initialLearningRate, α = alpha, D = decaySteps:
 *
 * ```
 * decay(s, from) = from · ((1 − α) · ½(1 + cos(π · s / D)) + α)
 * no warmup:    lr(step) = decay(min(step, D), r₀)
 * with warmup:  s = min(step, warmupSteps + D)
 *               s < warmupSteps:  lr = r₀ + (warmupTarget − r₀) · s / warmupSteps
 *               otherwise:        lr = decay(s − warmupSteps, warmupTarget)
 * ```
 *
 * @example
 * // warm up from 0 to 0.1 over 1000 steps, then decay to 0 over 10000
 * nb.optimizers.schedules.cosineDecay({
 *   initialLearningRate: 0, decaySteps: 10000, warmupTarget: 0.1, warmupSteps: 1000 });
 */
export class CosineDecay implements LearningRateSchedule {
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(config: CosineDecayConfig) {
    const owner = this.className;
    const keys = ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps'];
    checkKeys(owner, config, keys);
    const initial = config.initialLearningRate;
    this.initialLearningRate = checkNumber(owner, 'initialLearningRate', initial);
    this.decaySteps = checkNumber(owner, 'decaySteps', config.decaySteps, POSITIVE);
    this.alpha = checkNumber(owner, 'alpha', config.alpha ?? 0, { min: 0, max: 1 });
    this.warmupTarget = checkOptional(owner, 'warmupTarget', config.warmupTarget);
    this.warmupSteps = checkNumber(owner, 'warmupSteps', config.warmupSteps ?? 0, { min: 0 });
  }

  private decay(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos((Math.PI * step) / this.decaySteps));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }

  call(step: number): number {
    if (this.warmupTarget === null) {
      return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    }
    const s = Math.min(step, this.warmupSteps + this.decaySteps);
    if (s < this.warmupSteps) {
      const fraction = s / this.warmupSteps;
      return (this.warmupTarget - this.initialLearningRate) * fraction + this.initialLearningRate;
    }
    return this.decay(s - this.warmupSteps, this.warmupTarget);
  }

  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
    };
  }
}
