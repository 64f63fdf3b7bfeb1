import { avgPool2d, type Tensor } from '../../tensor/index.js';
import { BasePooling, type PoolingConfig } from './base-pooling.js';

/**
 * Average pooling over height and width, per channel. With 'same' padding each window is
 * divided by the number of input cells it covers, as in Keras.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, C]`.
 *
 * @example nb.layers.averagePooling2D({ poolSize: 2 })
 */
export class AveragePooling2D extends BasePooling {
  readonly className: string = 'AveragePooling2D';

  constructor(config: PoolingConfig = {}) {
    super(2, 'averagePooling2D', config);
  }

  protected pool(x: Tensor): Tensor {
    return avgPool2d(x, this.options2d);
  }
}

/** Creates a `AveragePooling2D` layer. */
export function averagePooling2D(config: PoolingConfig = {}): AveragePooling2D {
  return new AveragePooling2D(config);
}
