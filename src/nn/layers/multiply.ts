import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Multiplies the inputs elementwise: `out = x₁ · x₂ · … · xₙ`.
 *
 * Shapes: a list of `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const y = nb.layers.multiply().apply([a, b]); // or nb.layers.multiply([a, b])
 */
export class Multiply extends Merge {
  readonly className = 'Multiply';

  protected merge(list: Tensor[]): Tensor {
    return list.reduce((a, b) => a.mul(b));
  }
}

/** Creates a `Multiply` layer, or with a list of inputs applies one to them. */
export const multiply = mergeFactory((config: LayerConfig) => new Multiply(config));
