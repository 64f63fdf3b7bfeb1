/** Initializers drawing from fixed distributions (Keras's `RandomNormal`, `RandomUniform`, …). */
import type { DType } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import {
  randomNormal as drawNormal,
  randomUniform as drawUniform,
  truncatedNormal as drawTruncated,
  type Tensor,
} from '../../tensor/index.js';
import type { Initializer } from './initializer.js';

/** Configuration of `RandomNormal` and `TruncatedNormal`. */
export interface NormalConfig {
  /** Default 0. */
  mean?: number;
  /** Default 0.05, as in Keras. */
  stddev?: number;
  /** Makes every call return the same values. */
  seed?: number;
}

/** Configuration of `RandomUniform`. */
export interface UniformConfig {
  /** Default −0.05, as in Keras. */
  minval?: number;
  /** Default 0.05. */
  maxval?: number;
  /** Makes every call return the same values. */
  seed?: number;
}

function seedConfig(seed: number | undefined): Record<string, unknown> {
  return seed !== undefined ? { seed } : {};
}

/** Draws from N(mean, stddev²). */
export class RandomNormal implements Initializer {
  readonly className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | undefined;

  constructor(config: NormalConfig = {}) {
    this.mean = config.mean ?? 0;
    this.stddev = config.stddev ?? 0.05;
    if (!(this.stddev >= 0))
      throw new NablaError('randomNormal', `stddev must be ≥ 0, got ${config.stddev}`);
    this.seed = config.seed;
  }

  init(shape: readonly number[], dtype: DType): Tensor {
    return drawNormal(shape, { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype });
  }

  getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, ...seedConfig(this.seed) };
  }
}

/** Draws from a normal cut at two standard deviations (values outside are redrawn). */
export class TruncatedNormal implements Initializer {
  readonly className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | undefined;

  constructor(config: NormalConfig = {}) {
    this.mean = config.mean ?? 0;
    this.stddev = config.stddev ?? 0.05;
    if (!(this.stddev >= 0))
      throw new NablaError('truncatedNormal', `stddev must be ≥ 0, got ${config.stddev}`);
    this.seed = config.seed;
  }

  init(shape: readonly number[], dtype: DType): Tensor {
    return drawTruncated(shape, { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype });
  }

  getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, ...seedConfig(this.seed) };
  }
}

/** Draws from U(minval, maxval). */
export class RandomUniform implements Initializer {
  readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | undefined;

  constructor(config: UniformConfig = {}) {
    this.minval = config.minval ?? -0.05;
    this.maxval = config.maxval ?? 0.05;
    if (!(this.minval < this.maxval)) {
      throw new NablaError(
        'randomUniform',
        `minval ${this.minval} must be below maxval ${this.maxval}`,
      );
    }
    this.seed = config.seed;
  }

  init(shape: readonly number[], dtype: DType): Tensor {
    return drawUniform(shape, { minval: this.minval, maxval: this.maxval, seed: this.seed, dtype });
  }

  getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, ...seedConfig(this.seed) };
  }
}

/** N(mean, stddev²) with Keras's defaults mean 0, stddev 0.05. */
export function randomNormal(config: NormalConfig = {}): RandomNormal {
  return new RandomNormal(config);
}

/** A normal cut at ±2 stddev, defaults mean 0, stddev 0.05. */
export function truncatedNormal(config: NormalConfig = {}): TruncatedNormal {
  return new TruncatedNormal(config);
}

/** U(minval, maxval) with Keras's defaults −0.05, 0.05 (the Embedding default). */
export function randomUniform(config: UniformConfig = {}): RandomUniform {
  return new RandomUniform(config);
}
