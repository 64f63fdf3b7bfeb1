/**
 * nabla (∇): deep learning for TypeScript.
 *
 * @example
 * import * as nb from 'nabla';
 * const x = nb.tensor([[1, 2], [3, 4]]);
 * const w = nb.randomNormal([2, 3], { seed: 1, requiresGrad: true });
 * x.matmul(w).relu().sum().backward();
 */
export * from './tensor/index.js';
export { NablaError } from './core/errors.js';
export type { DType, TypedArray } from './core/dtype.js';
export type { Shape } from './core/shape.js';
export { Random, setSeed } from './core/random.js';
export type { Backend, BackendBuffer } from './backend/backend.js';
export * from './nn/index.js';
export * from './models/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as optimizers from './optimizers/index.js';
export * as callbacks from './callbacks/index.js';
export * as data from './data/index.js';
export * as datasets from './data/datasets/index.js';
export * from './io/index.js';
export { History } from './callbacks/history.js';

// Model.save delegates to the io level; wiring it here keeps models free of io imports.
import { saveModel as saveModelToStore } from './io/index.js';
import { setModelSaver as installModelSaver } from './models/index.js';
installModelSaver(saveModelToStore);
