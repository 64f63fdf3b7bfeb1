import { NablaError, fmtShape } from '../core/errors.js';
import { Tensor, tensor } from '../tensor/index.js';

/** A `MinMaxScaler` as plain JSON. */
export interface MinMaxScalerJSON {
  className: 'MinMaxScaler';
  featureRange: [number, number];
  min: number[];
  max: number[];
}

/** A `StandardScaler` as plain JSON. */
export interface StandardScalerJSON {
  className: 'StandardScaler';
  withMean: boolean;
  withStd: boolean;
  mean: number[];
  std: number[];
}

/** A scaler's fitted statistics and settings as plain JSON, for saving beside a model. */
export type ScalerJSON = MinMaxScalerJSON | StandardScalerJSON;

/**
 * Per-feature statistics over the last axis: `fit` learns them from training data,
 * `transform` applies them, `inverseTransform` undoes them. Inputs may have any rank ≥ 1;
 * the statistics are taken over every axis but the last. Not differentiable: it is for
 * preprocessing.
 */
abstract class Scaler {
  /** The number of features seen by `fit`, or `undefined` before it. */
  get numFeatures(): number | undefined {
    return this.stats()?.[0].length;
  }

  /** Learns the statistics from `x` (`[..., features]`) and returns `this`. */
  fit(x: Tensor): this {
    const { data, features, rows } = columns(x, `${this.name}.fit`);
    if (rows === 0) throw new NablaError(`${this.name}.fit`, 'needs at least one row');
    this.learn(data, features, rows);
    return this;
  }

  /** Scales `x` with the fitted statistics. Shapes: `[..., features]` → the same. */
  transform(x: Tensor): Tensor {
    return this.apply(x, 'transform', (v, offset, scale, low) => (v - offset) * scale + low);
  }

  /** Undoes `transform`. Shapes: `[..., features]` → the same. */
  inverseTransform(x: Tensor): Tensor {
    return this.apply(x, 'inverseTransform', (v, offset, scale, low) => (v - low) / scale + offset);
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** The fitted statistics and settings; `scalerFromJSON` restores them. */
  abstract toJSON(): ScalerJSON;

  protected abstract readonly name: string;
  protected abstract learn(data: ArrayLike<number>, features: number, rows: number): void;
  /** Per feature: the value subtracted, the factor applied after it, and the value added. */
  protected abstract stats(): [number[], number[], number[]] | undefined;

  private apply(
    x: Tensor,
    what: string,
    f: (v: number, offset: number, scale: number, low: number) => number,
  ): Tensor {
    const op = `${this.name}.${what}`;
    const stats = this.stats();
    if (stats === undefined) {
      throw new NablaError(op, 'call fit() first (or load saved statistics)');
    }
    const [offset, scale, low] = stats;
    const { data, features } = columns(x, op);
    if (features !== offset.length) {
      throw new NablaError(
        op,
        `fitted on ${offset.length} features but x ${fmtShape(x.shape)} has ${features}`,
      );
    }
    // float64 stays float64; every other dtype (int labels, bool) scales into float32.
    const wide = x.dtype === 'float64';
    const out = wide ? new Float64Array(data.length) : new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const j = i % features;
      out[i] = f(data[i]!, offset[j]!, scale[j]!, low[j]!);
    }
    return tensor(out, [...x.shape], wide ? 'float64' : 'float32');
  }
}

/** Options of `minMaxScaler`. */
export interface MinMaxScalerOptions {
  /** The range features are mapped to. Default `[0, 1]`. */
  featureRange?: [number, number];
}

/**
 * Scales each feature to `featureRange` (default [0, 1]) using the minimum and maximum seen by
 * `fit`: `x' = (x − min) / (max − min) · (b − a) + a`. A constant feature (max = min) is only
 * shifted, as in scikit-learn's `MinMaxScaler`.
 */
export class MinMaxScaler extends Scaler {
  protected readonly name = 'MinMaxScaler';
  readonly featureRange: [number, number];
  min: number[] | undefined;
  max: number[] | undefined;

  constructor(options: MinMaxScalerOptions = {}) {
    super();
    const [a, b] = options.featureRange ?? [0, 1];
    if (!(a < b)) {
      throw new NablaError('MinMaxScaler', `featureRange must be [low, high] with low < high`);
    }
    this.featureRange = [a, b];
  }

  protected learn(data: ArrayLike<number>, features: number, rows: number): void {
    const min = new Array<number>(features).fill(Infinity);
    const max = new Array<number>(features).fill(-Infinity);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < features; j++) {
        const v = data[r * features + j]!;
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    }
    this.min = min;
    this.max = max;
  }

  protected stats(): [number[], number[], number[]] | undefined {
    if (this.min === undefined || this.max === undefined) return undefined;
    const [a, b] = this.featureRange;
    const max = this.max;
    const scale = this.min.map((lo, j) => (b - a) / nonZero(max[j]! - lo));
    return [this.min, scale, this.min.map(() => a)];
  }

  toJSON(): ScalerJSON {
    const [min, max] = fitted(this.min, this.max, this.name);
    return { className: 'MinMaxScaler', featureRange: [...this.featureRange], min, max };
  }
}

/** Options of `standardScaler`. */
export interface StandardScalerOptions {
  /** Subtract the mean. Default `true`. */
  withMean?: boolean;
  /** Divide by the standard deviation. Default `true`. */
  withStd?: boolean;
}

/**
 * Standardises each feature: `x' = (x − mean) / std`, with the population (biased) standard
 * deviation seen by `fit`. A constant feature (std = 0) is divided by 1, as in scikit-learn.
 */
export class StandardScaler extends Scaler {
  protected readonly name = 'StandardScaler';
  readonly withMean: boolean;
  readonly withStd: boolean;
  mean: number[] | undefined;
  std: number[] | undefined;

  constructor(options: StandardScalerOptions = {}) {
    super();
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  protected learn(data: ArrayLike<number>, features: number, rows: number): void {
    // Two passes (mean, then squared deviations) in float64: no cancellation as in E[x²] − E[x]².
    const mean = new Array<number>(features).fill(0);
    for (let i = 0; i < rows * features; i++) mean[i % features]! += data[i]!;
    for (let j = 0; j < features; j++) mean[j] = mean[j]! / rows;
    const sq = new Array<number>(features).fill(0);
    for (let i = 0; i < rows * features; i++) {
      sq[i % features]! += (data[i]! - mean[i % features]!) ** 2;
    }
    this.mean = mean;
    this.std = sq.map((s) => Math.sqrt(s / rows));
  }

  protected stats(): [number[], number[], number[]] | undefined {
    if (this.mean === undefined || this.std === undefined) return undefined;
    const offset = this.withMean ? this.mean : this.mean.map(() => 0);
    const scale = this.std.map((s) => (this.withStd ? 1 / nonZero(s) : 1));
    return [offset, scale, this.mean.map(() => 0)];
  }

  toJSON(): ScalerJSON {
    const [mean, std] = fitted(this.mean, this.std, this.name);
    const { withMean, withStd } = this;
    return { className: 'StandardScaler', withMean, withStd, mean, std };
  }
}

/**
 * A min-max scaler (see `MinMaxScaler`).
 *
 * @example
 * const scaler = nb.data.minMaxScaler().fit(xTrain);
 * const xTest01 = scaler.transform(xTest);
 * const saved = JSON.stringify(scaler); // restore with scalerFromJSON(JSON.parse(saved))
 */
export function minMaxScaler(options: MinMaxScalerOptions = {}): MinMaxScaler {
  return new MinMaxScaler(options);
}

/**
 * A standard scaler (see `StandardScaler`).
 *
 * @example
 * const scaler = nb.data.standardScaler().fit(xTrain);
 * const z = scaler.transform(xTest);
 */
export function standardScaler(options: StandardScalerOptions = {}): StandardScaler {
  return new StandardScaler(options);
}

/** Restores a scaler saved with `toJSON` (or `JSON.stringify`). */
export function scalerFromJSON(json: ScalerJSON): MinMaxScaler | StandardScaler {
  const numbers = (v: unknown, what: string): number[] => {
    if (!Array.isArray(v) || !v.every((n) => typeof n === 'number')) {
      throw new NablaError('scalerFromJSON', `${what} must be an array of numbers`);
    }
    return v as number[];
  };
  if (json?.className === 'MinMaxScaler') {
    const s = new MinMaxScaler({ featureRange: json.featureRange });
    s.min = numbers(json.min, 'min');
    s.max = numbers(json.max, 'max');
    sameLength(s.min, s.max, 'min and max');
    return s;
  }
  if (json?.className === 'StandardScaler') {
    const s = new StandardScaler({ withMean: json.withMean, withStd: json.withStd });
    s.mean = numbers(json.mean, 'mean');
    s.std = numbers(json.std, 'std');
    sameLength(s.mean, s.std, 'mean and std');
    return s;
  }
  const name = String((json as { className?: unknown } | null)?.className);
  throw new NablaError('scalerFromJSON', `unknown scaler '${name}'`);
}

interface Columns {
  data: ArrayLike<number>;
  features: number;
  rows: number;
}

function columns(x: Tensor, op: string): Columns {
  if (!(x instanceof Tensor)) throw new NablaError(op, 'x must be a Tensor');
  if (x.rank === 0) throw new NablaError(op, 'x must have at least one axis (features last)');
  const features = x.shape[x.rank - 1]!;
  return { data: x.dataSync(), features, rows: features === 0 ? 0 : x.size / features };
}

function nonZero(v: number): number {
  return v === 0 ? 1 : v;
}

function fitted(
  a: number[] | undefined,
  b: number[] | undefined,
  name: string,
): [number[], number[]] {
  if (a === undefined || b === undefined) {
    throw new NablaError(`${name}.toJSON`, 'call fit() first');
  }
  return [[...a], [...b]];
}

function sameLength(a: number[], b: number[], what: string): void {
  if (a.length !== b.length) throw new NablaError('scalerFromJSON', `${what} differ in length`);
}
