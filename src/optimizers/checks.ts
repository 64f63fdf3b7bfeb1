/**
 * Argument checks of optimizers and schedules: bad options fail at construction, bad
 * gradients at the step, each with a message that names the owner and the value.
 */
import { isFloat } from '../core/dtype.js';
import { NablaError, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { Tensor } from '../tensor/index.js';
import type { LearningRateSchedule } from './optimizer.js';

/** Bounds of an accepted range; `open` ends exclude the bound itself. */
export interface Range {
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
}

function describeRange(range: Range): string {
  const lo = range.min === undefined ? '(-∞' : `${range.minOpen ? '(' : '['}${range.min}`;
  const hi = range.max === undefined ? '∞)' : `${range.max}${range.maxOpen ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

/** The range (0, ∞). */
export const POSITIVE: Range = { min: 0, minOpen: true };

/** Throws unless `value` is a finite number inside `range`; returns it. */
export function checkNumber(
  owner: string,
  name: string,
  value: unknown,
  range: Range = {},
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new NablaError(owner, `${name} must be a finite number, got ${String(value)}`);
  }
  const { min, max, minOpen, maxOpen } = range;
  const tooLow = min !== undefined && (minOpen ? value <= min : value < min);
  const tooHigh = max !== undefined && (maxOpen ? value >= max : value > max);
  if (tooLow || tooHigh) {
    throw new NablaError(owner, `${name} must be in ${describeRange(range)}, got ${value}`);
  }
  return value;
}

/** Like `checkNumber`, but `null`/`undefined` mean "not set" and give `null`. */
export function checkOptional(
  owner: string,
  name: string,
  value: unknown,
  range: Range = {},
): number | null {
  if (value === undefined || value === null) return null;
  return checkNumber(owner, name, value, range);
}

/** Throws unless `value` is a boolean (or absent, giving `fallback`). */
export function checkBoolean(
  owner: string,
  name: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    throw new NablaError(owner, `${name} must be a boolean, got ${String(value)}`);
  }
  return value;
}

/** Throws on keys that `config` should not have: a misspelt option is an error, not a no-op. */
export function checkKeys(owner: string, config: object, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      throw new NablaError(owner, `unknown option '${key}' (known: ${allowed.join(', ')})`);
    }
  }
}

/** Throws unless `value` is a learning rate ≥ 0 or a schedule object; returns it. */
export function checkLearningRate(owner: string, value: unknown): number | LearningRateSchedule {
  if (typeof value === 'number') return checkNumber(owner, 'learningRate', value, { min: 0 });
  const schedule = value as Partial<LearningRateSchedule> | null;
  if (schedule && typeof schedule === 'object' && typeof schedule.call === 'function') {
    return schedule as LearningRateSchedule;
  }
  throw new NablaError(owner, `learningRate must be a number or a schedule, got ${String(value)}`);
}

/** Throws unless `variable` is a live float tensor. */
export function checkVariable(op: string, variable: unknown): asserts variable is Tensor {
  if (!(variable instanceof Tensor)) {
    throw new NablaError(op, `each variable must be a Tensor, got ${typeof variable}`);
  }
  variable.assertAlive(op);
  if (!isFloat(variable.dtype)) {
    const what = `variable ${variable.name ?? fmtShape(variable.shape)} is ${variable.dtype}`;
    throw new NablaError(op, `${what}; only float variables can be trained`);
  }
}

/** Throws unless `grad` is a live tensor shaped like `variable`. */
export function checkGradient(op: string, grad: unknown, variable: Tensor): asserts grad is Tensor {
  if (!(grad instanceof Tensor)) {
    throw new NablaError(op, `each gradient must be a Tensor or null, got ${typeof grad}`);
  }
  grad.assertAlive(op);
  if (!shapesEqual(grad.shape, variable.shape)) {
    const what = `${variable.name ?? 'variable'} ${fmtShape(variable.shape)}`;
    throw new NablaError(op, `gradient ${fmtShape(grad.shape)} does not match ${what}`);
  }
}
