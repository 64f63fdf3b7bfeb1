import { NablaError } from '../core/errors.js';
import { Random, randomFor } from '../core/random.js';
import {
  disposeAll,
  gatherRows,
  rowCount,
  toHost,
  toTensors,
  type TensorContainer,
} from './host.js';

/** Options of `trainValTestSplit`. */
export interface SplitOptions {
  /** Share (0 ≤ v < 1) or number (an integer ≥ 1) of rows for validation. Default `0`. */
  validation?: number;
  /** Share (0 ≤ v < 1) or number (an integer ≥ 1) of rows for testing. Default `0`. */
  test?: number;
  /** Seed of the shuffle; without it the global generator (see `setSeed`) draws one. */
  seed?: number;
  /** Shuffle before splitting. Default `true`; `false` keeps the rows in order. */
  shuffle?: boolean;
}

/** The three parts made by `trainValTestSplit`, each of the input's structure. */
export interface Split<T> {
  train: T;
  validation: T;
  test: T;
}

/**
 * Splits rows into training, validation and test parts after a seeded shuffle: the same seed
 * gives the same split on every run. `data` is a tensor, an array or an object of tensors with
 * a common first dimension (such as `{x, y}`), and each part has the same structure. A share is
 * rounded to whole rows. The parts are new tensors; the input is left as it is.
 * Shapes: `[n, ...s]` → `[nTrain, ...s]`, `[nValidation, ...s]`, `[nTest, ...s]`.
 *
 * @example
 * const parts = trainValTestSplit({ x, y }, { validation: 0.1, test: 0.2, seed: 1 });
 * parts.train.x; // 70 % of the rows
 */
export function trainValTestSplit<T extends TensorContainer>(
  data: T,
  options: SplitOptions = {},
): Split<T> {
  const op = 'trainValTestSplit';
  const host = toHost(data, op, 'data');
  const n = rowCount(host, op, 'data');
  const nTest = partSize(op, 'test', options.test ?? 0, n);
  const nValidation = partSize(op, 'validation', options.validation ?? 0, n);
  const nTrain = n - nTest - nValidation;
  if (nTrain < 1) {
    throw new NablaError(
      op,
      `${nValidation} validation and ${nTest} test rows leave no training rows out of ${n}`,
    );
  }
  let order: Int32Array;
  if (options.shuffle ?? true) {
    order = new Random(options.seed ?? randomFor().nextUint32()).permutation(n);
  } else {
    order = Int32Array.from({ length: n }, (_, i) => i);
  }
  const part = (from: number, to: number): T =>
    toTensors(gatherRows(host, order.subarray(from, to))) as T;
  return {
    train: part(0, nTrain),
    validation: part(nTrain, nTrain + nValidation),
    test: part(nTrain + nValidation, n),
  };
}

/**
 * Splits rows into training and test parts (scikit-learn's `train_test_split`), seeded.
 *
 * @example
 * const { train, test } = trainTestSplit({ x, y }, { test: 0.2, seed: 0 });
 */
export function trainTestSplit<T extends TensorContainer>(
  data: T,
  options: Omit<SplitOptions, 'validation'> = {},
): { train: T; test: T } {
  const { train, validation, test } = trainValTestSplit(data, { ...options, validation: 0 });
  disposeAll(validation);
  return { train, test };
}

function partSize(op: string, name: string, value: number, n: number): number {
  if (value >= 1) {
    if (!Number.isInteger(value)) {
      const why = `must be a share below 1 or a whole number of rows, got ${value}`;
      throw new NablaError(op, `${name} ${why}`);
    }
    return value;
  }
  if (!(value >= 0)) throw new NablaError(op, `${name} must not be negative, got ${value}`);
  return Math.round(value * n);
}
