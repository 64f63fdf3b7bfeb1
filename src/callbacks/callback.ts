/**
 * The callback interface: hooks that `fit`, `evaluate` and `predict` call at the start and end
 * of training, of each epoch and of each batch, as in Keras. Subclass `Callback` and implement
 * only the hooks you need (each is optional), or pass plain functions to `lambdaCallback`.
 */
import type { Model } from '../models/model.js';

/** Named values a hook receives: `loss`, metrics, and after validation `val_loss`, `val_…`. */
export type Logs = Record<string, number>;

/** A hook may finish synchronously or return a promise that training awaits. */
export type HookResult = void | Promise<void>;

/** What the training loop tells callbacks before it starts (`callback.params`). */
export interface CallbackParams {
  /** The last epoch index plus one (`fit`'s `epochs`). */
  epochs: number;
  /** Batches per epoch, or null when unknown (a dataset without a size). */
  steps: number | null;
  /** `fit`'s verbosity: 0 silent, 1 progress bar, 2 one line per epoch. */
  verbose: number;
}

/**
 * The base of every callback. `model` and `params` are set by the loop before `onTrainBegin`.
 * Set `model.stopTraining = true` from any hook to end `fit` after the current batch.
 *
 * @example
 * class PrintLoss extends nb.callbacks.Callback {
 *   override onEpochEnd(epoch: number, logs: nb.callbacks.Logs) { console.log(epoch, logs.loss); }
 * }
 */
export abstract class Callback {
  /** The model being trained, evaluated or run. */
  model: Model | null = null;
  /** The loop's parameters. */
  params: CallbackParams = { epochs: 0, steps: null, verbose: 0 };

  /** Called by the loop to attach the model. */
  setModel(model: Model): void {
    this.model = model;
  }

  /** Called by the loop before training starts. */
  setParams(params: CallbackParams): void {
    this.params = params;
  }

  onTrainBegin?(logs: Logs): HookResult;
  onTrainEnd?(logs: Logs): HookResult;
  /** `epoch` is 0-based (the display adds 1, as Keras does). */
  onEpochBegin?(epoch: number, logs: Logs): HookResult;
  /** `logs` holds the epoch's training values and, when validation ran, `val_…` values. */
  onEpochEnd?(epoch: number, logs: Logs): HookResult;
  /** `batch` is the index within the epoch. */
  onBatchBegin?(batch: number, logs: Logs): HookResult;
  /** `logs` holds the running (epoch-to-date) loss and metrics. */
  onBatchEnd?(batch: number, logs: Logs): HookResult;
  onTestBegin?(logs: Logs): HookResult;
  onTestEnd?(logs: Logs): HookResult;
  onTestBatchBegin?(batch: number, logs: Logs): HookResult;
  onTestBatchEnd?(batch: number, logs: Logs): HookResult;
  onPredictBegin?(logs: Logs): HookResult;
  onPredictEnd?(logs: Logs): HookResult;
  onPredictBatchBegin?(batch: number, logs: Logs): HookResult;
  onPredictBatchEnd?(batch: number, logs: Logs): HookResult;
}

type EpochHook =
  | 'onEpochBegin'
  | 'onEpochEnd'
  | 'onBatchBegin'
  | 'onBatchEnd'
  | 'onTestBatchBegin'
  | 'onTestBatchEnd'
  | 'onPredictBatchBegin'
  | 'onPredictBatchEnd';
type PlainHook =
  | 'onTrainBegin'
  | 'onTrainEnd'
  | 'onTestBegin'
  | 'onTestEnd'
  | 'onPredictBegin'
  | 'onPredictEnd';

/**
 * Calls a hook on every callback in order. Returns a promise only when some hook returned one,
 * so that the training loop awaits nothing on the fast path.
 */
export class CallbackList {
  constructor(readonly callbacks: readonly Callback[]) {}

  /** Whether any callback implements `hook` (the loop skips building logs otherwise). */
  has(hook: EpochHook | PlainHook): boolean {
    return this.callbacks.some((c) => typeof c[hook] === 'function');
  }

  setModel(model: Model): void {
    for (const c of this.callbacks) c.setModel(model);
  }

  setParams(params: CallbackParams): void {
    for (const c of this.callbacks) c.setParams(params);
  }

  /** Runs `hook(index, logs)` on each callback; awaits in order only if one is async. */
  call(hook: EpochHook, index: number, logs: Logs): Promise<void> | undefined;
  call(hook: PlainHook, logs: Logs): Promise<void> | undefined;
  call(hook: EpochHook | PlainHook, a: number | Logs, b?: Logs): Promise<void> | undefined {
    for (let i = 0; i < this.callbacks.length; i++) {
      const fn = this.callbacks[i]![hook] as ((...args: unknown[]) => HookResult) | undefined;
      if (!fn) continue;
      const result =
        b === undefined ? fn.call(this.callbacks[i], a) : fn.call(this.callbacks[i], a, b);
      if (result instanceof Promise) return this.finishAsync(result, i + 1, hook, a, b);
    }
    return undefined;
  }

  private async finishAsync(
    pending: Promise<void>,
    from: number,
    hook: EpochHook | PlainHook,
    a: number | Logs,
    b?: Logs,
  ): Promise<void> {
    await pending;
    for (let i = from; i < this.callbacks.length; i++) {
      const fn = this.callbacks[i]![hook] as ((...args: unknown[]) => HookResult) | undefined;
      if (!fn) continue;
      await (b === undefined ? fn.call(this.callbacks[i], a) : fn.call(this.callbacks[i], a, b));
    }
  }
}
