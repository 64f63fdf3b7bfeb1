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
import { AveragePooling1D } from './average-pooling1d.js';
import { AveragePooling2D } from './average-pooling2d.js';
import { BatchNormalization } from './batch-normalization.js';
import { Conv1D } from './conv1d.js';
import { Conv2D } from './conv2d.js';
import { DepthwiseConv2D } from './conv2d-depthwise.js';
import { Conv2DTranspose } from './conv2d-transpose.js';
import { GlobalAveragePooling1D } from './global-average-pooling1d.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalMaxPooling1D } from './global-max-pooling1d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { MaxPooling1D } from './max-pooling1d.js';
import { MaxPooling2D } from './max-pooling2d.js';
import { UpSampling2D } from './up-sampling2d.js';
import { ZeroPadding2D } from './zero-padding2d.js';

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
export * from './average-pooling1d.js';
export * from './average-pooling2d.js';
export * from './batch-normalization.js';
export * from './conv1d.js';
export * from './conv2d.js';
export * from './conv2d-depthwise.js';
export * from './conv2d-transpose.js';
export * from './global-average-pooling1d.js';
export * from './global-average-pooling2d.js';
export * from './global-max-pooling1d.js';
export * from './global-max-pooling2d.js';
export * from './max-pooling1d.js';
export * from './max-pooling2d.js';
export * from './up-sampling2d.js';
export * from './zero-padding2d.js';
export * from './base-pooling.js';
export * from './base-global-pooling.js';
export { BaseConv, type BaseConvConfig } from './conv-base.js';

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
  AveragePooling1D,
  AveragePooling2D,
  BatchNormalization,
  Conv1D,
  Conv2D,
  DepthwiseConv2D,
  Conv2DTranspose,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  MaxPooling2D,
  UpSampling2D,
  ZeroPadding2D,
  // Keras's aliases, so configs written with them load.
  MaxPool1D: MaxPooling1D,
  MaxPool2D: MaxPooling2D,
  AvgPool1D: AveragePooling1D,
  AvgPool2D: AveragePooling2D,
  GlobalAvgPool1D: GlobalAveragePooling1D,
  GlobalAvgPool2D: GlobalAveragePooling2D,
  GlobalMaxPool1D: GlobalMaxPooling1D,
  GlobalMaxPool2D: GlobalMaxPooling2D,
  Convolution1D: Conv1D,
  Convolution2D: Conv2D,
};
