import { NablaError } from '../../core/errors.js';
import { leakyRelu, type Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `LeakyReLU`. */
export interface LeakyReLUConfig extends LayerConfig {
  /** Slope for negative inputs. Default 0.3, Keras's (the function `nb.leakyRelu` uses 0.01). */
  negativeSlope?: number;
  /** The Keras 2 / TensorFlow.js name of `negativeSlope`. */
  alpha?: number;
}

/**
 * Leaky ReLU: `x` for `x > 0`, `negativeSlope · x` otherwise.
 *
 * The layer's default slope is Keras's 0.3, while the activation function `nb.leakyRelu` and
 * `activation: 'leakyRelu'` use 0.01 (the article's example and PyTorch's default).
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.leakyReLU({ negativeSlope: 0.1 })
 */
export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  override supportsMasking = true;
  readonly negativeSlope: number;

  constructor(config: LeakyReLUConfig = {}) {
    super(config);
    this.negativeSlope = config.negativeSlope ?? config.alpha ?? 0.3;
    if (!(this.negativeSlope >= 0)) {
      throw new NablaError('leakyReLU', `negativeSlope must be ≥ 0, got ${this.negativeSlope}`);
    }
  }

  call(inputs: Tensors): Tensor {
    return leakyRelu(inputs as Tensor, this.negativeSlope);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}

/** Creates a `LeakyReLU` layer (default slope 0.3). */
export function leakyReLU(config: LeakyReLUConfig = {}): LeakyReLU {
  return new LeakyReLU(config);
}
