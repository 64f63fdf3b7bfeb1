/** Models: functional `Model` and `Sequential`, training, summary and configs. */
export {
  Model,
  model,
  type ModelArgs,
  type ModelBaseArgs,
  type SymbolicStructure,
} from './model.js';
export { Sequential, sequential, type SequentialArgs } from './sequential.js';
export { modelFromJSON } from './from-json.js';
export type { ClassRegistry, ConfigurableClass } from './from-config.js';
export type { CompileArgs, LossIdentifier, MetricIdentifier } from './compile.js';
export type { FitOptions } from './fit.js';
export type { EvaluateOptions } from './evaluate.js';
export type { PredictOptions } from './predict.js';
export type { SummaryOptions } from './summary.js';
export type { FitDataset, TensorData } from './data-adapter.js';
export type { LayerJson, FunctionalLayerJson, TensorRef } from './model-config.js';
export { setModelSaver, type ModelSaver } from './persistence.js';
