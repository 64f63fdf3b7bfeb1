import { Callback, type HookResult, type Logs } from './callback.js';

/** User functions for `lambdaCallback`; every one is optional. */
export interface LambdaCallbackArgs {
  onTrainBegin?: (logs: Logs) => HookResult;
  onTrainEnd?: (logs: Logs) => HookResult;
  onEpochBegin?: (epoch: number, logs: Logs) => HookResult;
  onEpochEnd?: (epoch: number, logs: Logs) => HookResult;
  onBatchBegin?: (batch: number, logs: Logs) => HookResult;
  onBatchEnd?: (batch: number, logs: Logs) => HookResult;
}

/**
 * A callback made of plain functions (Keras's `LambdaCallback`). `fit` also accepts such an
 * object directly in `callbacks` and wraps it.
 *
 * @example
 * nb.callbacks.lambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) })
 */
export class LambdaCallback extends Callback {
  constructor(args: LambdaCallbackArgs) {
    super();
    // Only the given hooks are installed, so the loop skips the others entirely.
    for (const [name, fn] of Object.entries(args)) {
      if (fn === undefined) continue;
      if (typeof fn !== 'function')
        throw new TypeError(`lambdaCallback: '${name}' must be a function`);
      (this as unknown as Record<string, unknown>)[name] = fn;
    }
  }
}

/** Creates a `LambdaCallback`. */
export function lambdaCallback(args: LambdaCallbackArgs): LambdaCallback {
  return new LambdaCallback(args);
}
