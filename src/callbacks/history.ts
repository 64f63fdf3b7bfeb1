import { Callback, type Logs } from './callback.js';

/**
 * Records every epoch's logs; `fit` returns it. `history.history.loss[i]` is the mean training
 * loss of epoch `i`, with Keras's key names (`loss`, `accuracy`, `val_loss`, `val_accuracy`).
 *
 * @example
 * const history = await model.fit(x, y, { epochs: 5, validationSplit: 0.2 });
 * console.log(history.history.val_loss);
 */
export class History extends Callback {
  /** The epoch indices trained (0-based; `initialEpoch` shifts them). */
  epoch: number[] = [];
  /** Each log key's values, one per epoch. */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) {
      (this.history[key] ??= []).push(value);
    }
  }
}
