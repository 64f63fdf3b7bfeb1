/** Every tensor op, re-exported for `Tensor`'s methods and the public API. */
export * from './activations.js';
export * from './assign.js';
export * from './autograd.js';
export * from './binary.js';
export * from './cast.js';
export * from './conv.js';
export * from './creation.js';
export * from './dense.js';
export * from './format.js';
export * from './matmul.js';
export * from './patches.js';
export * from './pool.js';
export * from './reduce.js';
export * from './shape.js';
export * from './softmax.js';
export * from './unary.js';
export * from './where.js';
export { liftPair, unbroadcast, type TensorOrScalar } from './util.js';
