/**
 * Metrics, stateful as in Keras: `updateState` per batch, `result()` as a number, `resetState`
 * per epoch. Values are read back to the host and accumulated in float64.
 */
export { Metric, type MetricConfig, type MetricContext } from './metric.js';
export {
  getMetric,
  registerMetric,
  serializeMetric,
  type MetricIdentifier,
  type SerializedMetric,
} from './get-metric.js';
export { Mean } from './mean.js';
export { SampleMeanMetric } from './sample-mean-metric.js';
export { MeanMetricWrapper, type MetricFn } from './mean-metric-wrapper.js';
export {
  Accuracy,
  accuracyKindFromContext,
  accuracyKindFromShapes,
  type AccuracyKind,
} from './accuracy.js';
export { BinaryAccuracy, type BinaryAccuracyConfig } from './binary-accuracy.js';
export { CategoricalAccuracy } from './categorical-accuracy.js';
export { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
export {
  TopKCategoricalAccuracy,
  type TopKCategoricalAccuracyConfig,
} from './top-k-categorical-accuracy.js';
export { Precision, type PrecisionConfig } from './precision.js';
export { Recall, type RecallConfig } from './recall.js';
export { AUC, type AUCConfig, type AUCSummationMethod } from './auc.js';
export { F1Score, FBetaScore, type F1Average, type FBetaScoreConfig } from './f1-score.js';
export { MeanSquaredError } from './mean-squared-error.js';
export { MeanAbsoluteError } from './mean-absolute-error.js';
export { RootMeanSquaredError } from './root-mean-squared-error.js';
