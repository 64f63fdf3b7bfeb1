import { avgPool1d, type Tensor } from '../../tensor/index.js';
import { BasePooling, type PoolingConfig } from './base-pooling.js';

/**
 * Average pooling over time, per channel; with 'same' padding each window is divided by the
 * number of real steps it covers.
 *
 * Shapes: `[batch, steps, C] → [batch, outSteps, C]`.
 *
 * @example nb.layers.averagePooling1D({ poolSize: 3, strides: 1, padding: 'same' })
 */
export class AveragePooling1D extends BasePooling {
  readonly className: string = 'AveragePooling1D';

  constructor(config: PoolingConfig = {}) {
    super(1, 'averagePooling1D', config);
  }

  protected pool(x: Tensor): Tensor {
    return avgPool1d(x, this.options1d);
  }
}

/** Creates a `AveragePooling1D` layer. */
export function averagePooling1D(config: PoolingConfig = {}): AveragePooling1D {
  return new AveragePooling1D(config);
}
