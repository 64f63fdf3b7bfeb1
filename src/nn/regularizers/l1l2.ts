/** The L1 and L2 weight penalties (Keras's `L1`, `L2`, `L1L2`). */
import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import type { Regularizer } from './regularizer.js';

function checkFactor(op: string, name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new NablaError(op, `${name} must be a non-negative finite number, got ${value}`);
  }
  return value;
}

/** `l1 · Σ|x|`. */
export class L1 implements Regularizer {
  readonly className = 'L1';
  readonly l1: number;
  constructor(config: { l1?: number } = {}) {
    this.l1 = checkFactor('l1', 'l1', config.l1 ?? 0.01);
  }
  call(x: Tensor): Tensor {
    return x.abs().sum().mul(this.l1);
  }
  getConfig(): Record<string, unknown> {
    return { l1: this.l1 };
  }
}

/** `l2 · Σx²` (no ½: Keras's definition, so a factor means the same as in Keras). */
export class L2 implements Regularizer {
  readonly className = 'L2';
  readonly l2: number;
  constructor(config: { l2?: number } = {}) {
    this.l2 = checkFactor('l2', 'l2', config.l2 ?? 0.01);
  }
  call(x: Tensor): Tensor {
    return x.square().sum().mul(this.l2);
  }
  getConfig(): Record<string, unknown> {
    return { l2: this.l2 };
  }
}

/**
 * `l1 · Σ|x| + l2 · Σx²`. As in Keras 3, both factors default to 0 here, so `l1l2({ l2: 0.1 })`
 * adds no L1 penalty; the string identifier `'l1l2'` means `l1 = l2 = 0.01`.
 */
export class L1L2 implements Regularizer {
  readonly className = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(config: { l1?: number; l2?: number } = {}) {
    this.l1 = checkFactor('l1l2', 'l1', config.l1 ?? 0);
    this.l2 = checkFactor('l1l2', 'l2', config.l2 ?? 0);
  }
  call(x: Tensor): Tensor {
    const l1 = x.abs().sum().mul(this.l1);
    return l1.add(x.square().sum().mul(this.l2));
  }
  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** L1 penalty `l1 · Σ|x|`, default factor 0.01. @example nb.regularizers.l1({ l1: 1e-4 }) */
export function l1(config: { l1?: number } = {}): L1 {
  return new L1(config);
}

/** L2 penalty `l2 · Σx²`, default factor 0.01. @example nb.regularizers.l2({ l2: 1e-4 }) */
export function l2(config: { l2?: number } = {}): L2 {
  return new L2(config);
}

/** Both penalties; each factor defaults to 0 (Keras 3). */
export function l1l2(config: { l1?: number; l2?: number } = {}): L1L2 {
  return new L1L2(config);
}
