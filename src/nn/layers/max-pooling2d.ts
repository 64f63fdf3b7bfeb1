import { maxPool2d, type Tensor } from '../../tensor/index.js';
import { BasePooling, type PoolingConfig } from './base-pooling.js';

/**
 * Max pooling over height and width: the largest value of each window, per channel. 'same'
 * padding never wins. The gradient goes to each window's maximum; exact ties share it evenly
 * (TensorFlow and PyTorch give it to the first).
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, C]`.
 *
 * @example nb.layers.maxPooling2D({ poolSize: 2 }) // halves height and width
 */
export class MaxPooling2D extends BasePooling {
  readonly className: string = 'MaxPooling2D';

  constructor(config: PoolingConfig = {}) {
    super(2, 'maxPooling2D', config);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool2d(x, this.options2d);
  }
}

/** Creates a `MaxPooling2D` layer. */
export function maxPooling2D(config: PoolingConfig = {}): MaxPooling2D {
  return new MaxPooling2D(config);
}
