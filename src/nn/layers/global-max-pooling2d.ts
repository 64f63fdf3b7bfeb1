import { globalMaxPool2d, type Tensor } from '../../tensor/index.js';
import type { Tensors } from '../layer.js';
import { BaseGlobalPooling, type GlobalPoolingConfig } from './base-global-pooling.js';

/**
 * The maximum of each channel over height and width. Exact ties share the gradient evenly.
 *
 * Shapes: `[batch, h, w, C] → [batch, C]` (`[batch, 1, 1, C]` with `keepDims`).
 *
 * @example nb.layers.globalMaxPooling2D()
 */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  readonly className: string = 'GlobalMaxPooling2D';

  constructor(config: GlobalPoolingConfig = {}) {
    super(2, 'globalMaxPooling2D', config);
  }

  call(inputs: Tensors): Tensor {
    return globalMaxPool2d(inputs as Tensor, this.keepDims);
  }
}

/** Creates a `GlobalMaxPooling2D` layer. */
export function globalMaxPooling2D(config: GlobalPoolingConfig = {}): GlobalMaxPooling2D {
  return new GlobalMaxPooling2D(config);
}
