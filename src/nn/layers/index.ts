/**
 * Every layer: the classes, their config types and the camelCase factories
 * (`nb.layers.dense({...})`), plus `LAYER_CLASSES` for rebuilding layers from saved configs.
 */
import type { Layer } from '../layer.js';
import { Activation } from './activation.js';
import { Add } from './add.js';
import { Average } from './average.js';
import { Concatenate } from './concatenate.js';
import { Dense } from './dense.js';
import { Dot } from './dot.js';
import { Dropout } from './dropout.js';
import { ELU } from './elu.js';
import { Embedding } from './embedding.js';
import { Flatten } from './flatten.js';
import { InputLayer } from './input-layer.js';
import { Lambda } from './lambda.js';
import { LeakyReLU } from './leaky-relu.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Multiply } from './multiply.js';
import { Permute } from './permute.js';
import { PReLU } from './prelu.js';
import { ReLU } from './relu.js';
import { RepeatVector } from './repeat-vector.js';
import { Reshape } from './reshape.js';
import { Softmax } from './softmax.js';
import { Subtract } from './subtract.js';

export * from './activation.js';
export * from './add.js';
export * from './average.js';
export * from './concatenate.js';
export * from './dense.js';
export * from './dot.js';
export * from './dropout.js';
export * from './elu.js';
export * from './embedding.js';
export * from './flatten.js';
export * from './input-layer.js';
export * from './lambda.js';
export * from './leaky-relu.js';
export * from './maximum.js';
export * from './merge.js';
export * from './minimum.js';
export * from './multiply.js';
export * from './permute.js';
export * from './prelu.js';
export * from './relu.js';
export * from './repeat-vector.js';
export * from './reshape.js';
export * from './softmax.js';
export * from './subtract.js';
// Convolution, pooling and normalization layers: export them here.

/** Layer classes by Keras class name, for `fromConfig` when loading a model. */
export const LAYER_CLASSES: Record<string, new (config: any) => Layer> = {
  Activation,
  Add,
  Average,
  Concatenate,
  Dense,
  Dot,
  Dropout,
  ELU,
  Embedding,
  Flatten,
  InputLayer,
  Lambda,
  LeakyReLU,
  Maximum,
  Minimum,
  Multiply,
  Permute,
  PReLU,
  ReLU,
  RepeatVector,
  Reshape,
  Softmax,
  Subtract,
  // Convolution, pooling and normalization layers: add their classes here.
};
