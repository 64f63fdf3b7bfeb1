import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Takes the elementwise maximum of the inputs: `out = max(x₁, …, xₙ)`. Ties share the gradient,
 * as `maximum` does.
 *
 * Shapes: a list of `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const y = nb.layers.maximum().apply([a, b]); // or nb.layers.maximum([a, b])
 */
export class Maximum extends Merge {
  readonly className = 'Maximum';

  protected merge(list: Tensor[]): Tensor {
    return list.reduce((a, b) => a.maximum(b));
  }
}

/** Creates a `Maximum` layer, or with a list of inputs applies one to them. */
export const maximum = mergeFactory((config: LayerConfig) => new Maximum(config));
