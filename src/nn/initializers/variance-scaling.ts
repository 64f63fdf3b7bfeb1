/**
 * Variance scaling, the family behind Glorot, He and LeCun initialization: draws with variance
 * `scale / n`, where `n` is the fan-in, the fan-out or their average.
 */
import type { DType } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import { randomNormal, randomUniform, truncatedNormal, type Tensor } from '../../tensor/index.js';
import { computeFans } from './fans.js';
import type { Initializer } from './initializer.js';

/** Which fan `n` divides the scale. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** The distribution drawn from. */
export type ScalingDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

/** Configuration of `VarianceScaling`. */
export interface VarianceScalingConfig {
  /** Positive scaling factor (default 1). */
  scale?: number;
  /** Default `'fanIn'`. Keras's snake_case spellings (`'fan_in'`) are accepted. */
  mode?: FanMode | 'fan_in' | 'fan_out' | 'fan_avg';
  /** Default `'truncatedNormal'`; `'normal'` means truncated, as in Keras. */
  distribution?: ScalingDistribution | 'truncated_normal' | 'untruncated_normal' | 'normal';
  /** Makes every call return the same values. */
  seed?: number;
}

const MODES: Record<string, FanMode> = {
  fanIn: 'fanIn',
  fan_in: 'fanIn',
  fanOut: 'fanOut',
  fan_out: 'fanOut',
  fanAvg: 'fanAvg',
  fan_avg: 'fanAvg',
};
const DISTRIBUTIONS: Record<string, ScalingDistribution> = {
  truncatedNormal: 'truncatedNormal',
  truncated_normal: 'truncatedNormal',
  normal: 'truncatedNormal',
  untruncatedNormal: 'untruncatedNormal',
  untruncated_normal: 'untruncatedNormal',
  uniform: 'uniform',
};

// Standard deviation of a unit normal truncated to [−2, 2]; dividing by it restores the variance.
const TRUNCATED_STDDEV = 0.87962566103423978;

/**
 * With `n` the chosen fan (at least 1): `uniform` draws from U(−l, l) with `l = √(3·scale/n)`;
 * `untruncatedNormal` from N(0, scale/n); `truncatedNormal` from a normal cut at two standard
 * deviations and rescaled so its variance is still `scale/n`.
 *
 * @example nb.initializers.varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'uniform' })
 */
export class VarianceScaling implements Initializer {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
  readonly seed: number | undefined;

  /** `className` lets the Glorot/He/LeCun presets serialise under their own Keras names. */
  constructor(
    config: VarianceScalingConfig = {},
    readonly className = 'VarianceScaling',
  ) {
    this.scale = config.scale ?? 1;
    if (!(this.scale > 0)) {
      throw new NablaError('varianceScaling', `scale must be positive, got ${config.scale}`);
    }
    const mode = MODES[config.mode ?? 'fanIn'];
    if (!mode) {
      throw new NablaError(
        'varianceScaling',
        `unknown mode '${config.mode}' (fanIn, fanOut, fanAvg)`,
      );
    }
    const distribution = DISTRIBUTIONS[config.distribution ?? 'truncatedNormal'];
    if (!distribution) {
      const known = 'truncatedNormal, untruncatedNormal, uniform';
      throw new NablaError(
        'varianceScaling',
        `unknown distribution '${config.distribution}' (${known})`,
      );
    }
    this.mode = mode;
    this.distribution = distribution;
    this.seed = config.seed;
  }

  init(shape: readonly number[], dtype: DType): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    let fan = (fanIn + fanOut) / 2;
    if (this.mode === 'fanIn') fan = fanIn;
    else if (this.mode === 'fanOut') fan = fanOut;
    const variance = this.scale / Math.max(1, fan);
    const seed = this.seed;
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, { minval: -limit, maxval: limit, seed, dtype });
    }
    if (this.distribution === 'untruncatedNormal') {
      return randomNormal(shape, { stddev: Math.sqrt(variance), seed, dtype });
    }
    return truncatedNormal(shape, { stddev: Math.sqrt(variance) / TRUNCATED_STDDEV, seed, dtype });
  }

  getConfig(): Record<string, unknown> {
    const seed = this.seed !== undefined ? { seed: this.seed } : {};
    if (this.className !== 'VarianceScaling') return seed;
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, ...seed };
  }
}

/** Options of the preset initializers. */
export interface SeedConfig {
  /** Makes every call return the same values. */
  seed?: number;
}

/** The general variance-scaling initializer. */
export function varianceScaling(config: VarianceScalingConfig = {}): VarianceScaling {
  return new VarianceScaling(config);
}

function preset(
  className: string,
  scale: number,
  mode: FanMode,
  distribution: ScalingDistribution,
  config: SeedConfig,
): VarianceScaling {
  return new VarianceScaling({ scale, mode, distribution, seed: config.seed }, className);
}

/** Glorot (Xavier) uniform: U(−l, l), `l = √(6 / (fanIn + fanOut))`. The Dense default. */
export function glorotUniform(config: SeedConfig = {}): VarianceScaling {
  return preset('GlorotUniform', 1, 'fanAvg', 'uniform', config);
}

/** Glorot (Xavier) normal: truncated normal with stddev `√(2 / (fanIn + fanOut))`. */
export function glorotNormal(config: SeedConfig = {}): VarianceScaling {
  return preset('GlorotNormal', 1, 'fanAvg', 'truncatedNormal', config);
}

/** He uniform: U(−l, l), `l = √(6 / fanIn)`; suited to ReLU layers. */
export function heUniform(config: SeedConfig = {}): VarianceScaling {
  return preset('HeUniform', 2, 'fanIn', 'uniform', config);
}

/** He normal: truncated normal with stddev `√(2 / fanIn)`. */
export function heNormal(config: SeedConfig = {}): VarianceScaling {
  return preset('HeNormal', 2, 'fanIn', 'truncatedNormal', config);
}

/** LeCun uniform: U(−l, l), `l = √(3 / fanIn)`. */
export function lecunUniform(config: SeedConfig = {}): VarianceScaling {
  return preset('LecunUniform', 1, 'fanIn', 'uniform', config);
}

/** LeCun normal: truncated normal with stddev `√(1 / fanIn)`; the SELU companion. */
export function lecunNormal(config: SeedConfig = {}): VarianceScaling {
  return preset('LecunNormal', 1, 'fanIn', 'truncatedNormal', config);
}
