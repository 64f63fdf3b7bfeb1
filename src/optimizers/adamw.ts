import { NablaError } from '../core/errors.js';
import { Adam, type AdamConfig } from './adam.js';

/** Options of `AdamW`: Adam's, with a weight decay that defaults to 0.004 (Keras). */
export interface AdamWConfig extends AdamConfig {
  /** Decoupled weight decay, ≥ 0. Default 0.004. */
  weightDecay?: number;
}

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay. Each step first shrinks
 * the weights, then applies Adam's update with the same learning rate lr:
 *
 * ```
 * w ← w − w · weightDecay · lr
 * w ← Adam(w, g)          // see `Adam`: ε added to √v, bias corrections folded into αₜ
 * ```
 *
 * The decay does not pass through the moment estimates (unlike L2 regularisation in the loss).
 * Keep biases and normalisation scales out of it with `excludeFromWeightDecay`.
 *
 * @example const opt = nb.optimizers.adamW({ learningRate: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  constructor(config: AdamWConfig = {}) {
    if (config.weightDecay === null) {
      throw new NablaError('AdamW', 'weightDecay must be a number ≥ 0, got null');
    }
    super({ ...config, weightDecay: config.weightDecay ?? 0.004 }, 'AdamW');
  }
}
