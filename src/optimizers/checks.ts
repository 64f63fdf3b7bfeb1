/** Checks of optimizer and schedule options, so that bad values fail at construction. */
import { NablaError } from '../core/errors.js';

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

/** Throws unless `value` is a finite number inside `range`; returns it. */
export function checkNumber(owner: string, name: string, value: unknown, range: Range = {}): number {
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
export function checkBoolean(owner: string, name: string, value: unknown, fallback: boolean): boolean {
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
