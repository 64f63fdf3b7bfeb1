/**
 * Finite-difference gradient checking in float64. The analytic gradient of a random projection
 * `Σ r ⊙ f(x)` is compared with central differences, element by element.
 */
import { Random } from '../../core/random.js';
import { noGrad, tidy } from '../engine.js';
import { Tensor } from '../tensor.js';
import { tensor } from '../ops/creation.js';

/** Options of `gradcheck`. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Largest allowed error `|a − n| / max(1, |a|, |n|)` (default 1e-6). */
  tolerance?: number;
  /** Indices of inputs not to differentiate (e.g. integer indices). */
  skip?: readonly number[];
  seed?: number;
}

/** Result: the largest error over all checked elements. */
export interface GradcheckResult {
  maxError: number;
  checked: number;
}

/** Largest `gradcheck` error seen in this process, for reporting. */
export const gradcheckLog: { op: string; maxError: number }[] = [];

/**
 * Checks `f`'s gradient with respect to each float64 input; throws with details on mismatch.
 * Returns the largest error.
 */
export function gradcheck(
  name: string,
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-6;
  const skip = new Set(options.skip ?? []);
  const rng = new Random(options.seed ?? 7);
  for (const [i, x] of inputs.entries()) {
    if (!skip.has(i) && x.dtype !== 'float64') throw new Error(`gradcheck ${name}: input ${i} must be float64`);
  }
  const outShape = noGrad(() => tidy(() => f(...inputs).shape));
  const size = outShape.reduce((a, b) => a * b, 1);
  const projection = tensor(Float64Array.from({ length: size }, () => rng.uniform() * 2 - 1), { shape: outShape });
  const objective = (...xs: Tensor[]): Tensor => f(...xs).mul(projection).sum();

  const leaves = inputs.map((x, i) => (skip.has(i) ? x : x.detach().requireGrad()));
  tidy(() => objective(...leaves).backward());
  let maxError = 0;
  let checked = 0;
  for (const [i, leaf] of leaves.entries()) {
    if (skip.has(i)) continue;
    const analytic = leaf.grad ? leaf.grad.dataSync() : new Float64Array(leaf.size);
    const base = inputs[i]!.dataSync();
    for (let j = 0; j < base.length; j++) {
      const evalAt = (delta: number): number =>
        noGrad(() =>
          tidy(() => {
            const bumped = Float64Array.from(base);
            bumped[j]! += delta;
            const xs = inputs.map((x, k) => (k === i ? tensor(bumped, { shape: x.shape }) : x));
            return objective(...xs).item();
          }),
        );
      const numeric = (evalAt(eps) - evalAt(-eps)) / (2 * eps);
      const a = analytic[j]!;
      const error = Math.abs(a - numeric) / Math.max(1, Math.abs(a), Math.abs(numeric));
      checked++;
      if (!(error <= tolerance)) {
        throw new Error(`gradcheck ${name}: input ${i} element ${j}: analytic ${a}, numeric ${numeric} (error ${error.toExponential(2)})`);
      }
      maxError = Math.max(maxError, error);
    }
    leaf.dispose();
  }
  projection.dispose();
  gradcheckLog.push({ op: name, maxError });
  return { maxError, checked };
}

/** A float64 tensor of uniform values in [lo, hi), reproducible by seed. */
export function rand64(shape: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  const rng = new Random(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()), { shape });
}

/** Asserts two arrays are elementwise within `tol` (absolute), naming the first difference. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6, what = 'values'): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= tol;
    if (!ok) throw new Error(`${what}[${i}]: got ${a}, expected ${e} (tol ${tol})`);
  }
}
