/** Norm constraints on weight columns: `MaxNorm`, `UnitNorm`, `MinMaxNorm` (Keras definitions). */
import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import type { Constraint } from './constraint.js';

// Keras's backend epsilon: keeps zero columns finite.
const EPSILON = 1e-7;

/** The axis or axes the norm is taken over; Keras's default 0 gives one norm per output unit. */
export type NormAxis = number | number[];

function l2Norms(w: Tensor, axis: NormAxis): Tensor {
  return w.square().sum(axis, true).sqrt();
}

/**
 * Rescales each slice whose L2 norm exceeds `maxValue` back to that norm:
 * `w · clip(‖w‖, 0, maxValue) / (ε + ‖w‖)`, norms over `axis` (default 0: for a Dense kernel
 * `[in, units]`, each unit's incoming weights).
 */
export class MaxNorm implements Constraint {
  readonly className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: NormAxis;
  constructor(config: { maxValue?: number; axis?: NormAxis } = {}) {
    this.maxValue = config.maxValue ?? 2;
    if (!(this.maxValue >= 0))
      throw new NablaError('maxNorm', `maxValue must be ≥ 0, got ${config.maxValue}`);
    this.axis = config.axis ?? 0;
  }
  apply(w: Tensor): Tensor {
    const norms = l2Norms(w, this.axis);
    return w.mul(norms.clip(0, this.maxValue)).div(norms.add(EPSILON));
  }
  getConfig(): Record<string, unknown> {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

/** Scales each slice to unit L2 norm: `w / (ε + ‖w‖)`, norms over `axis` (default 0). */
export class UnitNorm implements Constraint {
  readonly className = 'UnitNorm';
  readonly axis: NormAxis;
  constructor(config: { axis?: NormAxis } = {}) {
    this.axis = config.axis ?? 0;
  }
  apply(w: Tensor): Tensor {
    return w.div(l2Norms(w, this.axis).add(EPSILON));
  }
  getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}

/** Configuration of `MinMaxNorm`. */
export interface MinMaxNormConfig {
  /** Default 0. */
  minValue?: number;
  /** Default 1. */
  maxValue?: number;
  /** How far to move towards the allowed range each step, in [0, 1] (default 1: all the way). */
  rate?: number;
  /** Default 0. */
  axis?: NormAxis;
}

/**
 * Keeps slice norms within `[minValue, maxValue]`:
 * `w · (rate · clip(‖w‖, min, max) + (1 − rate) · ‖w‖) / (ε + ‖w‖)`.
 */
export class MinMaxNorm implements Constraint {
  readonly className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: NormAxis;
  constructor(config: MinMaxNormConfig = {}) {
    this.minValue = config.minValue ?? 0;
    this.maxValue = config.maxValue ?? 1;
    this.rate = config.rate ?? 1;
    this.axis = config.axis ?? 0;
    if (!(this.minValue >= 0 && this.minValue <= this.maxValue)) {
      throw new NablaError(
        'minMaxNorm',
        `need 0 ≤ minValue ≤ maxValue, got ${this.minValue}, ${this.maxValue}`,
      );
    }
    if (!(this.rate >= 0 && this.rate <= 1)) {
      throw new NablaError('minMaxNorm', `rate must be in [0, 1], got ${config.rate}`);
    }
  }
  apply(w: Tensor): Tensor {
    const norms = l2Norms(w, this.axis);
    const desired = norms
      .clip(this.minValue, this.maxValue)
      .mul(this.rate)
      .add(norms.mul(1 - this.rate));
    return w.mul(desired).div(norms.add(EPSILON));
  }
  getConfig(): Record<string, unknown> {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/**
 * Caps slice norms at `maxValue` (default 2, axis 0).
 *
 * @example nb.constraints.maxNorm({ maxValue: 3 })
 */
export function maxNorm(config: { maxValue?: number; axis?: NormAxis } = {}): MaxNorm {
  return new MaxNorm(config);
}

/** Unit-norm slices (axis default 0). */
export function unitNorm(config: { axis?: NormAxis } = {}): UnitNorm {
  return new UnitNorm(config);
}

/** Slice norms kept within `[minValue, maxValue]` (defaults 0, 1; rate 1; axis 0). */
export function minMaxNorm(config: MinMaxNormConfig = {}): MinMaxNorm {
  return new MinMaxNorm(config);
}
