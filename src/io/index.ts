/**
 * Model files: one binary format (magic, version, JSON header, checksummed little-endian
 * weights) for files, `ArrayBuffer`s, browser storage and URLs.
 */
export {
  saveModel,
  saveWeights,
  serializeModel,
  serializeWeights,
  NABLA_VERSION,
  type SaveOptions,
} from './save.js';
export {
  deserializeModel,
  loadModel,
  loadWeights,
  setWeightsFromBytes,
  readModelInfo,
  readModelFile,
  type ModelFileInfo,
  type LoadOptions,
  type LoadWeightsOptions,
} from './load.js';
export type { WeightLoadReport } from './weights.js';
export { FORMAT_VERSION, MAGIC } from './format.js';
export type { ModelFileHeader, TensorEntry, WeightEntry, TrainingConfig } from './header.js';
export { resolveStore, httpStore, isModelStore, type ModelStore, type StoreLike } from './store.js';
export { fileStore, type FileStoreOptions, type FileWriter } from './file-store.js';
export {
  indexedDbStore,
  localStorageStore,
  localStorageKey,
  INDEXED_DB,
  type KeyValueStorage,
} from './browser-stores.js';
