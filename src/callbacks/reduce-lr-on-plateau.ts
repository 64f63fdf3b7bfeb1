import { Callback, type Logs } from './callback.js';
import { resolveMode, type MonitorMode } from './monitor.js';

/** Options of `reduceLROnPlateau` (Keras names and defaults). */
export interface ReduceLROnPlateauArgs {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** The learning rate is multiplied by this (< 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** Default `'auto'`. */
  mode?: MonitorMode;
  /** The least change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The learning rate never goes below this. Default 0. */
  minLr?: number;
  /** 1 prints each reduction. Default 0. */
  verbose?: number;
}

/**
 * Reduces the optimizer's learning rate when the monitored value stops improving (Keras's
 * `ReduceLROnPlateau`): after `patience` epochs without improvement by more than `minDelta`,
 * `lr ← max(lr · factor, minLr)`. Adds `learning_rate` to the epoch logs.
 *
 * @example nb.callbacks.reduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 2 })
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly cooldown: number;
  readonly minLr: number;
  private readonly better: (a: number, b: number) => boolean;
  private readonly verbose: number;
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;
  private readonly initialBest: number;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.factor = args.factor ?? 0.1;
    if (!(this.factor < 1)) {
      throw new RangeError(`reduceLROnPlateau: factor must be < 1, got ${this.factor}`);
    }
    this.patience = args.patience ?? 10;
    this.cooldown = args.cooldown ?? 0;
    this.minLr = args.minLr ?? 0;
    this.verbose = args.verbose ?? 0;
    const minDelta = args.minDelta ?? 1e-4;
    const mode = resolveMode(this.monitor, args.mode ?? 'auto');
    this.better = mode === 'min' ? (a, b) => a < b - minDelta : (a, b) => a > b + minDelta;
    this.initialBest = mode === 'min' ? Infinity : -Infinity;
    this.best = this.initialBest;
  }

  override onTrainBegin(): void {
    this.best = this.initialBest;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const optimizer = this.model!.optimizer;
    if (!optimizer) return;
    logs['learning_rate'] = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.better(current, this.best)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait++;
    if (this.wait < this.patience) return;
    const oldLr = optimizer.learningRate;
    if (oldLr > Math.fround(this.minLr)) {
      const newLr = Math.max(oldLr * this.factor, this.minLr);
      optimizer.learningRate = newLr;
      if (this.verbose > 0)
        console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}

/** Creates a `ReduceLROnPlateau` callback. */
export function reduceLROnPlateau(args: ReduceLROnPlateauArgs = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(args);
}
