import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Sums the inputs elementwise: `out = x₁ + x₂ + … + xₙ`.
 *
 * Shapes: a list of `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const y = nb.layers.add().apply([a, b]); // or nb.layers.add([a, b])
 */
export class Add extends Merge {
  readonly className = 'Add';

  protected merge(list: Tensor[]): Tensor {
    return list.reduce((a, b) => a.add(b));
  }
}

/** Creates a `Add` layer, or with a list of inputs applies one to them. */
export const add = mergeFactory((config: LayerConfig) => new Add(config));
