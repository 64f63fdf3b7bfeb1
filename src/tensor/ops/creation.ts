/** Creating tensors: from data, filled, ranges and seeded random numbers. */
import { allocArray, dtypeOfArray, isDType, isFloat, type DType, type TypedArray } from '../../core/dtype.js';
import { NablaError, check, fmtShape } from '../../core/errors.js';
import { checkShape, sizeOf } from '../../core/shape.js';
import { randomFor } from '../../core/random.js';
import { Tensor, type NestedArray } from '../tensor.js';
import { empty } from './util.js';

/** Options shared by creation functions. */
export interface CreationOptions {
  dtype?: DType;
  /** Make the new tensor a leaf that accumulates gradients. */
  requiresGrad?: boolean;
}

/** Options of `tensor()`. */
export interface TensorOptions extends CreationOptions {
  /** Shape for flat data; inferred from nested arrays otherwise. */
  shape?: readonly number[];
}

function inferShape(values: NestedArray, path: string): number[] {
  if (!Array.isArray(values)) return [];
  if (values.length === 0) return [0];
  const inner = inferShape(values[0]!, `${path}[0]`);
  for (let i = 1; i < values.length; i++) {
    const other = inferShape(values[i]!, `${path}[${i}]`);
    if (other.length !== inner.length || other.some((d, j) => d !== inner[j])) {
      throw new NablaError('tensor', `ragged nested array: ${path}[0] has shape ${fmtShape(inner)} but ${path}[${i}] has ${fmtShape(other)}`);
    }
  }
  return [values.length, ...inner];
}

function flattenInto(values: NestedArray, out: number[]): void {
  if (Array.isArray(values)) {
    for (const v of values) flattenInto(v, out);
  } else if (typeof values === 'boolean') {
    out.push(values ? 1 : 0);
  } else if (typeof values === 'number') {
    out.push(values);
  } else {
    throw new NablaError('tensor', `values must be numbers or booleans, got ${typeof values}`);
  }
}

function firstLeaf(values: NestedArray): NestedArray | undefined {
  let v: NestedArray | undefined = values;
  while (Array.isArray(v)) v = v[0];
  return v;
}

/**
 * Creates a tensor from nested arrays, a flat array or a typed array. The dtype is inferred
 * (numbers → float32, booleans → bool, typed arrays → their own type) unless given.
 *
 * @example nb.tensor([[1, 2], [3, 4]]); nb.tensor(new Float64Array(6), [2, 3]);
 */
export function tensor(
  values: NestedArray | TypedArray | readonly number[],
  shapeOrOptions?: readonly number[] | TensorOptions,
  dtypeArg?: DType,
): Tensor {
  const options: TensorOptions = Array.isArray(shapeOrOptions)
    ? { shape: shapeOrOptions as readonly number[], dtype: dtypeArg }
    : { ...(shapeOrOptions as TensorOptions | undefined), dtype: (shapeOrOptions as TensorOptions | undefined)?.dtype ?? dtypeArg };
  let flat: ArrayLike<number>;
  let inferred: number[];
  let dtype: DType;
  if (ArrayBuffer.isView(values)) {
    flat = values as TypedArray;
    inferred = [flat.length];
    const own = values instanceof Float32Array || values instanceof Float64Array || values instanceof Int32Array ? dtypeOfArray(values) : 'int32';
    dtype = options.dtype ?? own;
  } else {
    inferred = inferShape(values as NestedArray, 'values');
    const list: number[] = [];
    flattenInto(values as NestedArray, list);
    flat = list;
    dtype = options.dtype ?? (typeof firstLeaf(values as NestedArray) === 'boolean' ? 'bool' : 'float32');
  }
  if (!isDType(dtype)) throw new NablaError('tensor', `unknown dtype '${String(dtype)}'`);
  const shape = options.shape ? [...options.shape] : inferred;
  checkShape('tensor', shape);
  check(sizeOf(shape) === flat.length, 'tensor', () => `${flat.length} values do not fill shape ${fmtShape(shape)}`);
  const out = empty(shape, dtype);
  const view = out.backend.view(out.storage.buffer);
  if (dtype === 'bool') for (let i = 0; i < flat.length; i++) view[i] = flat[i] ? 1 : 0;
  else view.set(flat as ArrayLike<number>);
  if (options.requiresGrad) out.requireGrad();
  return out;
}

/** A rank-0 tensor. */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, { shape: [], dtype });
}

/** A tensor of `value` everywhere. */
export function full(shape: readonly number[], value: number, options: CreationOptions = {}): Tensor {
  checkShape('full', shape);
  const out = empty(shape, options.dtype ?? 'float32');
  if (value !== 0) out.backend.fill(out.storage.buffer, value);
  if (options.requiresGrad) out.requireGrad();
  return out;
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** Zeros with the shape and dtype of `like`. */
export function zerosLike(like: Tensor): Tensor {
  return full(like.shape, 0, { dtype: like.dtype });
}

/** Ones with the shape and dtype of `like`. */
export function onesLike(like: Tensor): Tensor {
  return full(like.shape, 1, { dtype: like.dtype });
}

/** `value` with the shape and dtype of `like`. */
export function fullLike(like: Tensor, value: number): Tensor {
  return full(like.shape, value, { dtype: like.dtype });
}

/** An `n × m` matrix with ones on the diagonal. */
export function eye(n: number, m: number = n, options: CreationOptions = {}): Tensor {
  checkShape('eye', [n, m]);
  const out = zeros([n, m], options);
  const view = out.backend.view(out.storage.buffer);
  for (let i = 0; i < Math.min(n, m); i++) view[i * m + i] = 1;
  return out;
}

/** Values from `start` up to (not including) `stop` by `step`; `arange(n)` is `0..n-1`. */
export function arange(start: number, stop?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  check(step !== 0 && Number.isFinite(step), 'arange', () => `step must be finite and non-zero, got ${step}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const allInts = [from, to, step].every(Number.isInteger);
  const out = empty([count], options.dtype ?? (allInts ? 'int32' : 'float32'));
  const view = out.backend.view(out.storage.buffer);
  for (let i = 0; i < count; i++) view[i] = from + i * step;
  return out;
}

/** `num` evenly spaced values from `start` to `stop` inclusive. */
export function linspace(start: number, stop: number, num: number, options: CreationOptions = {}): Tensor {
  check(Number.isInteger(num) && num >= 0, 'linspace', () => `num must be a non-negative integer, got ${num}`);
  const out = empty([num], options.dtype ?? 'float32');
  const view = out.backend.view(out.storage.buffer);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) view[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return out;
}

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** Seed for a reproducible stream; the global generator (`nb.setSeed`) otherwise. */
  seed?: number;
}

function randomTensor(op: string, shape: readonly number[], options: RandomOptions, draw: () => number): Tensor {
  checkShape(op, shape);
  const dtype = options.dtype ?? 'float32';
  check(isFloat(dtype), op, () => `dtype must be float32 or float64, got ${dtype}`);
  const values = allocArray(dtype, sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return tensor(values, { shape, dtype, requiresGrad: options.requiresGrad });
}

/** Uniform samples in `[minval, maxval)`. */
export function randomUniform(
  shape: readonly number[],
  options: RandomOptions & { minval?: number; maxval?: number } = {},
): Tensor {
  const { minval = 0, maxval = 1 } = options;
  check(minval < maxval, 'randomUniform', () => `minval ${minval} must be below maxval ${maxval}`);
  const rng = randomFor(options.seed);
  return randomTensor('randomUniform', shape, options, () => minval + (maxval - minval) * rng.uniform());
}

/** Normal samples with the given mean and standard deviation. */
export function randomNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; stddev?: number } = {},
): Tensor {
  const { mean = 0, stddev = 1 } = options;
  check(stddev >= 0, 'randomNormal', () => `stddev must be non-negative, got ${stddev}`);
  const rng = randomFor(options.seed);
  return randomTensor('randomNormal', shape, options, () => mean + stddev * rng.normal());
}

/** Normal samples redrawn until within two standard deviations of the mean (as Keras). */
export function truncatedNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; stddev?: number } = {},
): Tensor {
  const { mean = 0, stddev = 1 } = options;
  check(stddev >= 0, 'truncatedNormal', () => `stddev must be non-negative, got ${stddev}`);
  const rng = randomFor(options.seed);
  return randomTensor('truncatedNormal', shape, options, () => {
    let z = rng.normal();
    while (Math.abs(z) > 2) z = rng.normal();
    return mean + stddev * z;
  });
}
