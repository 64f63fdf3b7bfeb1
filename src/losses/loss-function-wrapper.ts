/** A plain per-sample function used as a `Loss`. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig, type LossFn } from './loss.js';

/**
 * Wraps `fn(yTrue, yPred) → per-sample values` into a `Loss`, so a custom function gets sample
 * weights and reductions for free. Its name is `config.name`, else the function's own name.
 *
 * @example
 * const l1 = new LossFunctionWrapper((t, p) => p.sub(t).abs().sum(-1), { name: 'l1' });
 */
export class LossFunctionWrapper extends Loss {
  override readonly className = 'LossFunctionWrapper';
  readonly name: string;

  constructor(
    readonly fn: LossFn,
    config: LossConfig = {},
  ) {
    super(config);
    this.name = config.name ?? (fn.name || 'loss');
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const values = this.fn(yTrue, yPred);
    if (values === null || typeof values !== 'object' || !('shape' in values)) {
      throw new NablaError(this.name, `the function must return a Tensor, got ${typeof values}`);
    }
    return values;
  }
}
