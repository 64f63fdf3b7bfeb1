import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Takes the elementwise minimum of the inputs: `out = min(x₁, …, xₙ)`.
 *
 * Shapes: a list of `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const y = nb.layers.minimum().apply([a, b]); // or nb.layers.minimum([a, b])
 */
export class Minimum extends Merge {
  readonly className = 'Minimum';

  protected merge(list: Tensor[]): Tensor {
    return list.reduce((a, b) => a.minimum(b));
  }
}

/** Creates a `Minimum` layer, or with a list of inputs applies one to them. */
export const minimum = mergeFactory((config: LayerConfig) => new Minimum(config));
