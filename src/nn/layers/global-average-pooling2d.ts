import { globalAvgPool2d, type Tensor } from '../../tensor/index.js';
import type { Tensors } from '../layer.js';
import { BaseGlobalPooling, type GlobalPoolingConfig } from './base-global-pooling.js';

/**
 * The mean of each channel over height and width: a parameter-free replacement for Flatten +
 * Dense at the end of a CNN.
 *
 * Shapes: `[batch, h, w, C] → [batch, C]` (`[batch, 1, 1, C]` with `keepDims`).
 *
 * @example nb.layers.globalAveragePooling2D()
 */
export class GlobalAveragePooling2D extends BaseGlobalPooling {
  readonly className: string = 'GlobalAveragePooling2D';

  constructor(config: GlobalPoolingConfig = {}) {
    super(2, 'globalAveragePooling2D', config);
  }

  call(inputs: Tensors): Tensor {
    return globalAvgPool2d(inputs as Tensor, this.keepDims);
  }
}

/** Creates a `GlobalAveragePooling2D` layer. */
export function globalAveragePooling2D(config: GlobalPoolingConfig = {}): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(config);
}
