import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Averages the inputs elementwise: `out = (x₁ + … + xₙ) / n`.
 *
 * Shapes: a list of `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const y = nb.layers.average().apply([a, b]); // or nb.layers.average([a, b])
 */
export class Average extends Merge {
  readonly className = 'Average';

  protected merge(list: Tensor[]): Tensor {
    return list.reduce((a, b) => a.add(b)).div(list.length);
  }
}

/** Creates an `Average` layer, or with a list of inputs applies one to them. */
export const average = mergeFactory((config: LayerConfig) => new Average(config));
