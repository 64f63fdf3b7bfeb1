/**
 * Losses, Keras 3 definitions and defaults: each a class (`CategoricalCrossentropy`) and a
 * factory (`categoricalCrossentropy({ fromLogits: true })`), resolved by name with `getLoss`.
 */
export { Loss, type LossConfig, type LossFn, type Reduction } from './loss.js';
export { LossFunctionWrapper } from './loss-function-wrapper.js';
export {
  getLoss,
  registerLoss,
  serializeLoss,
  type LossIdentifier,
  type SerializedLoss,
} from './get-loss.js';
export { EPSILON } from './epsilon.js';
export {
  sigmoidCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
} from './cross-entropy-with-logits.js';
export {
  MeanSquaredError,
  meanSquaredError,
  meanSquaredError as mse,
} from './mean-squared-error.js';
export {
  MeanAbsoluteError,
  meanAbsoluteError,
  meanAbsoluteError as mae,
} from './mean-absolute-error.js';
export {
  MeanAbsolutePercentageError,
  meanAbsolutePercentageError,
  meanAbsolutePercentageError as mape,
} from './mean-absolute-percentage-error.js';
export {
  MeanSquaredLogarithmicError,
  meanSquaredLogarithmicError,
  meanSquaredLogarithmicError as msle,
} from './mean-squared-logarithmic-error.js';
export { Huber, huber, type HuberConfig } from './huber.js';
export { LogCosh, logCosh } from './log-cosh.js';
export {
  BinaryCrossentropy,
  binaryCrossentropy,
  type BinaryCrossentropyConfig,
} from './binary-crossentropy.js';
export {
  CategoricalCrossentropy,
  categoricalCrossentropy,
  type CategoricalCrossentropyConfig,
} from './categorical-crossentropy.js';
export {
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyConfig,
} from './sparse-categorical-crossentropy.js';
export {
  KLDivergence,
  kullbackLeiblerDivergence,
  kullbackLeiblerDivergence as klDivergence,
  kullbackLeiblerDivergence as kld,
} from './kl-divergence.js';
export { Poisson, poisson } from './poisson.js';
export {
  CosineSimilarity,
  cosineSimilarity,
  type CosineSimilarityConfig,
} from './cosine-similarity.js';
export { Hinge, hinge } from './hinge.js';
export { SquaredHinge, squaredHinge } from './squared-hinge.js';
export { CategoricalHinge, categoricalHinge } from './categorical-hinge.js';
