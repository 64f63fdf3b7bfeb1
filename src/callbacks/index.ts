/** Callbacks for `fit` / `evaluate` / `predict`, with Keras names in camelCase. */
export {
  Callback,
  CallbackList,
  type CallbackParams,
  type HookResult,
  type Logs,
} from './callback.js';
export { History } from './history.js';
export { ProgbarLogger, type ProgbarLoggerArgs } from './progbar-logger.js';
export { EarlyStopping, earlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
export {
  ReduceLROnPlateau,
  reduceLROnPlateau,
  type ReduceLROnPlateauArgs,
} from './reduce-lr-on-plateau.js';
export {
  LearningRateScheduler,
  learningRateScheduler,
  type EpochSchedule,
} from './learning-rate-scheduler.js';
export { CsvLogger, csvLogger, type CsvLoggerArgs } from './csv-logger.js';
export { TerminateOnNaN, terminateOnNaN } from './terminate-on-nan.js';
export { LambdaCallback, lambdaCallback, type LambdaCallbackArgs } from './lambda-callback.js';
export type { MonitorMode } from './monitor.js';
