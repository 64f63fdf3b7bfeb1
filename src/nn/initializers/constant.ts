/** Deterministic initializers: zeros, ones, a constant, the identity matrix. */
import type { DType } from '../../core/dtype.js';
import { NablaError, fmtShape } from '../../core/errors.js';
import { eye, full, mul, type Tensor } from '../../tensor/index.js';
import type { Initializer } from './initializer.js';

/** All zeros (the bias default). */
export class Zeros implements Initializer {
  readonly className = 'Zeros';
  init(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, 0, { dtype });
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** All ones (BatchNormalization's gamma default). */
export class Ones implements Initializer {
  readonly className = 'Ones';
  init(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, 1, { dtype });
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** Every element equal to `value` (default 0). */
export class Constant implements Initializer {
  readonly className = 'Constant';
  readonly value: number;
  constructor(config: { value?: number } = {}) {
    this.value = config.value ?? 0;
    if (!Number.isFinite(this.value)) {
      throw new NablaError('constant', `value must be a finite number, got ${config.value}`);
    }
  }
  init(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, this.value, { dtype });
  }
  getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

/** `gain · I` for a 2-D weight (rectangular shapes get ones on the main diagonal). */
export class IdentityInitializer implements Initializer {
  readonly className = 'IdentityInitializer';
  readonly gain: number;
  constructor(config: { gain?: number } = {}) {
    this.gain = config.gain ?? 1;
  }
  init(shape: readonly number[], dtype: DType): Tensor {
    if (shape.length !== 2) {
      throw new NablaError('identity', `needs a 2-D shape, got ${fmtShape(shape)}`);
    }
    const identity = eye(shape[0]!, shape[1]!, { dtype });
    if (this.gain === 1) return identity;
    const scaled = mul(identity, this.gain);
    identity.dispose();
    return scaled;
  }
  getConfig(): Record<string, unknown> {
    return { gain: this.gain };
  }
}

/** All zeros. */
export function zerosInitializer(): Zeros {
  return new Zeros();
}

/** All ones. */
export function onesInitializer(): Ones {
  return new Ones();
}

/** Every element `value`. @example nb.initializers.constant({ value: 0.1 }) */
export function constant(config: { value?: number } = {}): Constant {
  return new Constant(config);
}

/** The identity matrix times `gain` (default 1), for square recurrent kernels. */
export function identity(config: { gain?: number } = {}): IdentityInitializer {
  return new IdentityInitializer(config);
}
