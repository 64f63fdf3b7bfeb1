/** The tensor level: `Tensor`, every op, autograd and memory management. */
export { Tensor, type NestedArray, type BackwardFn, type GradNode } from './tensor.js';
export * from './ops/index.js';
export {
  backend,
  endScope,
  getBackend,
  getThreads,
  setThreads,
  isGradEnabled,
  keep,
  memory,
  noGrad,
  registerBackend,
  setBackend,
  startScope,
  tidy,
  withGrad,
  type MemoryInfo,
} from './engine.js';
