/**
 * The neural-network level: layers, initializers, regularizers, constraints and activations,
 * as namespaces (`layers.dense`, `initializers.heNormal`, …), plus the `Layer` base and the
 * symbolic tensors of functional models.
 */
export * as layers from './layers/index.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';
export * as activations from './activations.js';
export {
  Layer,
  isShapeList,
  resetNames,
  uniqueName,
  type AddWeightOptions,
  type CallOptions,
  type LayerClass,
  type LayerConfig,
  type LayerWeight,
  type ShapeOrShapes,
  type SymbolicTensors,
  type Tensors,
} from './layer.js';
export { SymbolicTensor, type LayerNode, type LayerShape } from './symbolic.js';
export { input, InputLayer, type InputConfig } from './layers/input-layer.js';
export { LAYER_CLASSES } from './layers/index.js';
export {
  getActivation,
  activationName,
  type ActivationFn,
  type ActivationName,
} from './activations.js';
export {
  getInitializer,
  serializeInitializer,
  type Initializer,
  type InitializerIdentifier,
} from './initializers/index.js';
export {
  getRegularizer,
  serializeRegularizer,
  type Regularizer,
  type RegularizerIdentifier,
} from './regularizers/index.js';
export {
  getConstraint,
  serializeConstraint,
  type Constraint,
  type ConstraintIdentifier,
} from './constraints/index.js';
