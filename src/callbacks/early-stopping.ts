import type { Tensor } from '../tensor/index.js';
import { Callback, type Logs } from './callback.js';
import { resolveMode, type MonitorMode } from './monitor.js';

/** Options of `earlyStopping` (Keras names and defaults). */
export interface EarlyStoppingArgs {
  /** The logged value to watch. Default `'val_loss'`. */
  monitor?: string;
  /** The least change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** Default `'auto'` (accuracy-like names are maximised). */
  mode?: MonitorMode;
  /** Training also stops if the value does not beat this within `patience` epochs. */
  baseline?: number;
  /** Put back the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (warm-up). Default 0. */
  startFromEpoch?: number;
  /** 1 prints when it stops or restores. Default 0. */
  verbose?: number;
}

/**
 * Stops training when the monitored value has stopped improving (Keras's `EarlyStopping`).
 *
 * An epoch improves when `current − minDelta` beats the best so far (`current + minDelta` in
 * `'min'` mode). After `patience` epochs without improvement, `model.stopTraining` is set.
 * With `restoreBestWeights`, the best epoch's weights are restored at the end of training.
 *
 * @example
 * nb.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true })
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  private readonly better: (a: number, b: number) => boolean;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch at which training was stopped (0 when it was not). */
  stoppedEpoch = 0;
  /** The best value seen. */
  best: number | null = null;
  /** The epoch of the best value. */
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;
  private readonly verbose: number;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.patience = args.patience ?? 0;
    this.baseline = args.baseline;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.startFromEpoch = args.startFromEpoch ?? 0;
    this.verbose = args.verbose ?? 0;
    if (!(this.patience >= 0))
      throw new RangeError(`earlyStopping: patience must be ≥ 0, got ${this.patience}`);
    const minDelta = Math.abs(args.minDelta ?? 0);
    const mode = resolveMode(this.monitor, args.mode ?? 'auto');
    this.better = mode === 'min' ? (a, b) => a + minDelta < b : (a, b) => a - minDelta > b;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.dropBestWeights();
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const current = logs[this.monitor];
    if (current === undefined || epoch < this.startFromEpoch) return;
    const model = this.model!;
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (this.best === null || this.better(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) {
        this.dropBestWeights();
        this.bestWeights = model.getWeights();
      }
      // The wait restarts only when the value beats the baseline as well as the best.
      if (this.baseline === undefined || this.better(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) {
      console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    }
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) {
        console.log(
          `Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`,
        );
      }
      this.model!.setWeights(this.bestWeights);
    }
    this.dropBestWeights();
  }

  private dropBestWeights(): void {
    for (const t of this.bestWeights ?? []) t.dispose();
    this.bestWeights = null;
  }
}

/** Creates an `EarlyStopping` callback. */
export function earlyStopping(args: EarlyStoppingArgs = {}): EarlyStopping {
  return new EarlyStopping(args);
}
