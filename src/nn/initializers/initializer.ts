import type { DType } from '../../core/dtype.js';
import type { Tensor } from '../../tensor/index.js';

/** Creates a layer weight's initial value. Serialisable by `className` + `getConfig()`. */
export interface Initializer {
  /** The Keras class name, e.g. `'GlorotUniform'`. */
  readonly className: string;
  /** A new tensor of `shape` (not requiring grad; the layer marks it). */
  init(shape: readonly number[], dtype: DType): Tensor;
  getConfig(): Record<string, unknown>;
}

/** How layer configs name an initializer: a camelCase name, an object, or a serialised form. */
export type InitializerIdentifier =
  | string
  | Initializer
  | { className: string; config?: Record<string, unknown> };
