/**
 * Learning-rate schedules: pass one as any optimizer's `learningRate`. The optimizer evaluates it
 * at its iteration count before each step (step 0 for the first update), as Keras does.
 */
import { NablaError } from '../../core/errors.js';
import type { LearningRateSchedule } from '../optimizer.js';
import { CosineDecay, type CosineDecayConfig } from './cosine-decay.js';
import { ExponentialDecay, type ExponentialDecayConfig } from './exponential-decay.js';
import { InverseTimeDecay, type InverseTimeDecayConfig } from './inverse-time-decay.js';
import {
  PiecewiseConstantDecay,
  type PiecewiseConstantDecayConfig,
} from './piecewise-constant-decay.js';
import { PolynomialDecay, type PolynomialDecayConfig } from './polynomial-decay.js';

export type { LearningRateSchedule } from '../optimizer.js';
export {
  CosineDecay,
  ExponentialDecay,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  type CosineDecayConfig,
  type ExponentialDecayConfig,
  type InverseTimeDecayConfig,
  type PiecewiseConstantDecayConfig,
  type PolynomialDecayConfig,
};

/** `lr = r₀ · rate^(step / decaySteps)`; see `ExponentialDecay`. */
export function exponentialDecay(config: ExponentialDecayConfig): ExponentialDecay {
  return new ExponentialDecay(config);
}

/** Constant rates between step boundaries; see `PiecewiseConstantDecay`. */
export function piecewiseConstantDecay(
  config: PiecewiseConstantDecayConfig,
): PiecewiseConstantDecay {
  return new PiecewiseConstantDecay(config);
}

/** Polynomial decay to an end rate, optionally cycling; see `PolynomialDecay`. */
export function polynomialDecay(config: PolynomialDecayConfig): PolynomialDecay {
  return new PolynomialDecay(config);
}

/** Cosine decay with optional linear warmup; see `CosineDecay`. */
export function cosineDecay(config: CosineDecayConfig): CosineDecay {
  return new CosineDecay(config);
}

/** `lr = r₀ / (1 + rate · step / decaySteps)`; see `InverseTimeDecay`. */
export function inverseTimeDecay(config: InverseTimeDecayConfig): InverseTimeDecay {
  return new InverseTimeDecay(config);
}

type ScheduleFactory = (config: never) => LearningRateSchedule;

const SCHEDULES: Record<string, ScheduleFactory> = {
  ExponentialDecay: exponentialDecay,
  PiecewiseConstantDecay: piecewiseConstantDecay,
  PolynomialDecay: polynomialDecay,
  CosineDecay: cosineDecay,
  InverseTimeDecay: inverseTimeDecay,
};

/** Makes a custom schedule class known to `getSchedule` (and so to optimizer deserialisation). */
export function registerSchedule(
  className: string,
  factory: (config: Record<string, unknown>) => LearningRateSchedule,
): void {
  SCHEDULES[className] = factory as ScheduleFactory;
}

/** A schedule's serialisable form. */
export interface SerializedSchedule {
  className: string;
  config: Record<string, unknown>;
}

/** `{className, config}` of a schedule, which `getSchedule` turns back into a schedule. */
export function serializeSchedule(schedule: LearningRateSchedule): SerializedSchedule {
  return { className: schedule.className, config: schedule.getConfig() };
}

/** Rebuilds a schedule from `{className, config}` (or returns a schedule object as it is). */
export function getSchedule(
  identifier: SerializedSchedule | LearningRateSchedule,
): LearningRateSchedule {
  if (typeof (identifier as LearningRateSchedule).call === 'function') {
    return identifier as LearningRateSchedule;
  }
  const { className, config } = identifier as SerializedSchedule;
  const make = SCHEDULES[className];
  if (!make) {
    throw new NablaError(
      'getSchedule',
      `unknown schedule '${className}' (known: ${Object.keys(SCHEDULES).join(', ')})`,
    );
  }
  return make(config as never);
}
