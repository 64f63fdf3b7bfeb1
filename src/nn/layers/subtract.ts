import type { Tensor } from '../../tensor/index.js';
import type { LayerConfig } from '../layer.js';
import { Merge, mergeFactory } from './merge.js';

/**
 * Subtracts the second input from the first, elementwise: `out = x₁ − x₂`.
 *
 * Shapes: two `[batch, …]` that broadcast together → their broadcast shape.
 *
 * @example const diff = nb.layers.subtract([a, b]);
 */
export class Subtract extends Merge {
  readonly className = 'Subtract';
  protected override readonly arity = 2;

  protected merge(list: Tensor[]): Tensor {
    return list[0]!.sub(list[1]!);
  }
}

/** Creates a `Subtract` layer, or with a list of two inputs applies one to them. */
export const subtract = mergeFactory((config: LayerConfig) => new Subtract(config));
