import { globalMaxPool1d, type Tensor } from '../../tensor/index.js';
import type { Tensors } from '../layer.js';
import { BaseGlobalPooling, type GlobalPoolingConfig } from './base-global-pooling.js';

/**
 * The maximum of each channel over time (a mask, if any, is ignored, as in Keras). Exact ties
 * share the gradient evenly.
 *
 * Shapes: `[batch, steps, C] → [batch, C]` (`[batch, 1, C]` with `keepDims`).
 *
 * @example nb.layers.globalMaxPooling1D()
 */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  readonly className: string = 'GlobalMaxPooling1D';

  constructor(config: GlobalPoolingConfig = {}) {
    super(1, 'globalMaxPooling1D', config);
  }

  call(inputs: Tensors): Tensor {
    return globalMaxPool1d(inputs as Tensor, this.keepDims);
  }
}

/** Creates a `GlobalMaxPooling1D` layer. */
export function globalMaxPooling1D(config: GlobalPoolingConfig = {}): GlobalMaxPooling1D {
  return new GlobalMaxPooling1D(config);
}
