import { Callback, type Logs } from './callback.js';

/** `(epoch, currentLr) → newLr`, with `epoch` 0-based. */
export type EpochSchedule = (epoch: number, lr: number) => number;

/**
 * Sets the optimizer's learning rate at the start of every epoch from `schedule(epoch, lr)`
 * (Keras's `LearningRateScheduler`), and logs it as `learning_rate`.
 *
 * @example nb.callbacks.learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
export class LearningRateScheduler extends Callback {
  constructor(
    private readonly schedule: EpochSchedule,
    private readonly verbose = 0,
  ) {
    super();
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.model?.optimizer;
    if (!optimizer)
      throw new Error('learningRateScheduler: the model has no optimizer (call compile first)');
    const lr = this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new TypeError(
        `learningRateScheduler: the schedule must return a finite number, got ${lr}`,
      );
    }
    optimizer.learningRate = lr;
    if (this.verbose > 0)
      console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.model?.optimizer;
    if (optimizer) logs['learning_rate'] = optimizer.learningRate;
  }
}

/** Creates a `LearningRateScheduler` callback. */
export function learningRateScheduler(schedule: EpochSchedule, verbose = 0): LearningRateScheduler {
  return new LearningRateScheduler(schedule, verbose);
}
