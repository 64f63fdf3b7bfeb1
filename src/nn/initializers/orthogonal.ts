/** The orthogonal initializer (Saxe et al., 2014), Keras's recurrent-kernel default. */
import type { DType } from '../../core/dtype.js';
import { NablaError, fmtShape } from '../../core/errors.js';
import { randomFor } from '../../core/random.js';
import { isFloat } from '../../core/dtype.js';
import { tensor, type Tensor } from '../../tensor/index.js';
import type { Initializer } from './initializer.js';

/** Configuration of `OrthogonalInitializer`. */
export interface OrthogonalConfig {
  /** Multiplies the orthogonal matrix (default 1). */
  gain?: number;
  /** Makes every call return the same values. */
  seed?: number;
}

/**
 * Orthonormalises the `cols` columns of the row-major `rows × cols` matrix `a` in place
 * (`rows ≥ cols`) by modified Gram–Schmidt, run twice for accuracy. The result is the Q of
 * the QR decomposition whose R has a positive diagonal — what Keras gets from `q · sign(diag r)`.
 */
function orthonormalColumns(a: Float64Array, rows: number, cols: number): void {
  for (let j = 0; j < cols; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += a[r * cols + i]! * a[r * cols + j]!;
        for (let r = 0; r < rows; r++) a[r * cols + j]! -= dot * a[r * cols + i]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += a[r * cols + j]! ** 2;
    norm = Math.sqrt(norm);
    // A normal sample is rank-deficient with probability zero; guard anyway.
    if (norm === 0) throw new NablaError('orthogonal', 'random matrix was rank-deficient; retry');
    for (let r = 0; r < rows; r++) a[r * cols + j]! /= norm;
  }
}

/**
 * A random orthogonal matrix: the weight seen as `[prod(shape[:-1]), shape[-1]]` has orthonormal
 * columns (or rows, when it is wide), times `gain`. Drawn as the Q factor of a Gaussian matrix.
 *
 * Shapes: rank ≥ 2.
 */
export class OrthogonalInitializer implements Initializer {
  readonly className = 'OrthogonalInitializer';
  readonly gain: number;
  readonly seed: number | undefined;

  constructor(config: OrthogonalConfig = {}) {
    this.gain = config.gain ?? 1;
    this.seed = config.seed;
  }

  init(shape: readonly number[], dtype: DType): Tensor {
    if (shape.length < 2) {
      throw new NablaError('orthogonal', `needs a shape of rank ≥ 2, got ${fmtShape(shape)}`);
    }
    if (!isFloat(dtype))
      throw new NablaError('orthogonal', `dtype must be float32 or float64, got ${dtype}`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1]!;
    const tall = Math.max(rows, cols);
    const narrow = Math.min(rows, cols);
    const rng = randomFor(this.seed);
    const a = Float64Array.from({ length: tall * narrow }, () => rng.normal());
    orthonormalColumns(a, tall, narrow);
    const out = dtype === 'float64' ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        // A wide matrix is the transpose of the tall one.
        const value = rows >= cols ? a[r * narrow + c]! : a[c * narrow + r]!;
        out[r * cols + c] = this.gain * value;
      }
    }
    return tensor(out, { shape, dtype });
  }

  getConfig(): Record<string, unknown> {
    return { gain: this.gain, ...(this.seed !== undefined ? { seed: this.seed } : {}) };
  }
}

/** A random orthogonal matrix times `gain`. @example nb.initializers.orthogonal({ seed: 1 }) */
export function orthogonal(config: OrthogonalConfig = {}): OrthogonalInitializer {
  return new OrthogonalInitializer(config);
}
