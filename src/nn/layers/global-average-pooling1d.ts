import { globalAvgPool1d, type Tensor } from '../../tensor/index.js';
import type { CallOptions, Tensors } from '../layer.js';
import { BaseGlobalPooling, type GlobalPoolingConfig } from './base-global-pooling.js';

/**
 * The mean of each channel over time. With a mask `[batch, steps]` (from an Embedding with
 * `maskZero`, say), only the unmasked steps are averaged:
 * `Σ_t mask[b, t] · x[b, t, c] / Σ_t mask[b, t]`, as in Keras.
 *
 * Shapes: `[batch, steps, C] → [batch, C]` (`[batch, 1, C]` with `keepDims`).
 *
 * @example nb.layers.globalAveragePooling1D()
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  readonly className: string = 'GlobalAveragePooling1D';

  constructor(config: GlobalPoolingConfig = {}) {
    super(1, 'globalAveragePooling1D', config);
  }

  call(inputs: Tensors, options: CallOptions = {}): Tensor {
    const x = inputs as Tensor;
    if (!options.mask) return globalAvgPool1d(x, this.keepDims);
    const weights = options.mask.cast(x.dtype).expandDims(-1);
    const total = x.mul(weights).sum(1, this.keepDims);
    return total.div(weights.sum(1, this.keepDims));
  }
}

/** Creates a `GlobalAveragePooling1D` layer. */
export function globalAveragePooling1D(config: GlobalPoolingConfig = {}): GlobalAveragePooling1D {
  return new GlobalAveragePooling1D(config);
}
