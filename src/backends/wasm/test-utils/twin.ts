/** Helpers for the wasm backend tests: the same data on two backends, and close comparison. */
import assert from 'node:assert/strict';
import type { DType, TypedArray } from '../../../core/dtype.js';
import type { Backend, BackendBuffer } from '../../../backend/backend.js';
import { Random } from '../../../core/random.js';

/** One logical buffer allocated on the backend under test and on the reference. */
export interface Twin {
  readonly test: BackendBuffer;
  readonly ref: BackendBuffer;
}

/** Allocates `size` elements on both backends, filled from `values` (zeros when omitted). */
export function twin(
  test: Backend,
  ref: Backend,
  dtype: DType,
  size: number,
  values?: ArrayLike<number>,
): Twin {
  const pair = { test: test.alloc(dtype, size), ref: ref.alloc(dtype, size) };
  if (values) {
    test.view(pair.test).set(values);
    ref.view(pair.ref).set(values);
  }
  return pair;
}

/** A twin filled with `randomValues`. */
export function randomTwin(
  test: Backend,
  ref: Backend,
  rng: Random,
  dtype: DType,
  size: number,
  lo?: number,
  hi?: number,
): Twin {
  return twin(test, ref, dtype, size, randomValues(rng, dtype, size, lo, hi));
}

/** Random values suited to a dtype: floats in [lo, hi), ints in [-50, 50), bools. */
export function randomValues(rng: Random, dtype: DType, size: number, lo = -3, hi = 3): number[] {
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    if (dtype === 'bool') out[i] = rng.uniform() < 0.5 ? 1 : 0;
    else if (dtype === 'int32') out[i] = rng.int(100) - 50;
    else out[i] = lo + (hi - lo) * rng.uniform();
  }
  return out;
}

/**
 * Asserts `actual ≈ expected` elementwise: `|a - e| ≤ atol + rtol·|e|`, NaN matching NaN and
 * infinities matching exactly.
 */
export function assertAllClose(
  actual: TypedArray,
  expected: TypedArray,
  message: string,
  rtol = 1e-5,
  atol = 1e-6,
): void {
  assert.equal(actual.length, expected.length, `${message}: length`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!Number.isFinite(e) && a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      assert.fail(`${message}: element ${i} is ${a}, expected ${e}`);
    }
  }
}

/** Compares a twin's two sides. */
export function assertTwinClose(
  test: Backend,
  ref: Backend,
  pair: Twin,
  message: string,
  rtol?: number,
  atol?: number,
): void {
  assertAllClose(test.view(pair.test), ref.view(pair.ref), message, rtol, atol);
}
