import { maxPool1d, type Tensor } from '../../tensor/index.js';
import { BasePooling, type PoolingConfig } from './base-pooling.js';

/**
 * Max pooling over time: the largest value of each window of steps, per channel. Exact ties
 * share the gradient evenly.
 *
 * Shapes: `[batch, steps, C] → [batch, outSteps, C]`.
 *
 * @example nb.layers.maxPooling1D({ poolSize: 2 })
 */
export class MaxPooling1D extends BasePooling {
  readonly className: string = 'MaxPooling1D';

  constructor(config: PoolingConfig = {}) {
    super(1, 'maxPooling1D', config);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool1d(x, this.options1d);
  }
}

/** Creates a `MaxPooling1D` layer. */
export function maxPooling1D(config: PoolingConfig = {}): MaxPooling1D {
  return new MaxPooling1D(config);
}
