import type { Tensor } from '../../tensor/index.js';
import {
  activationName,
  getActivation,
  type ActivationFn,
  type ActivationName,
} from '../activations.js';
import { Layer, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `Activation`. */
export interface ActivationConfig extends LayerConfig {
  /** An activation name (`'relu'`, `'softmax'`, …) or a function of one tensor. */
  activation: ActivationName | ActivationFn;
}

/**
 * Applies an activation function elementwise (softmax over the last axis).
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.activation({ activation: 'relu' })
 */
export class Activation extends Layer {
  readonly className = 'Activation';
  override supportsMasking = true;
  private readonly activation: ActivationName | ActivationFn;
  private readonly fn: ActivationFn;

  constructor(config: ActivationConfig) {
    super(config);
    this.activation = config.activation;
    this.fn = getActivation(config.activation);
  }

  call(inputs: Tensors): Tensor {
    return this.fn(inputs as Tensor);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: activationName(this.activation) };
  }
}

/** Creates an `Activation` layer. */
export function activation(config: ActivationConfig): Activation {
  return new Activation(config);
}
