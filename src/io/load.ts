/**
 * Loading: the bytes of a model file back into a model, or into an existing model's weights.
 * Everything is read and checked (container, header, every weight's shape and place) before the
 * first layer is created or the first weight written, so a bad file changes nothing.
 */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { LAYER_CLASSES } from '../nn/layers/index.js';
import { modelFromJSON, type ClassRegistry } from '../models/index.js';
import type { Model } from '../models/model.js';
import { decodeContainer } from './format.js';
import { upgradeHeader, validateHeader, type ModelFileHeader } from './header.js';
import { readTensor } from './payload.js';
import { resolveStore, type StoreLike } from './store.js';
import { compileFromTraining, resolveTraining, type ResolvedTraining } from './training-config.js';
import { applyAssignments, modelWeights, planWeights, type WeightLoadReport } from './weights.js';

/** Options of `loadModel` and `deserializeModel`. */
export interface LoadOptions {
  /** Compile the model as it was saved (default true). False skips the training config. */
  compile?: boolean;
  /** Custom layer classes by class name, for models that use them. */
  classes?: ClassRegistry;
  /** How messages name the file (default `'model file'`). */
  source?: string;
}

/** Options of `loadWeights`. */
export interface LoadWeightsOptions {
  /**
   * `true` (default): the file and the model must have weights for the same layers. `false`:
   * load the layers both have, skip the others and report them (transfer learning).
   */
  strict?: boolean;
  source?: string;
}

/** Decodes and validates a file, bringing an older format's header up to date. */
export function readModelFile(
  bytes: Uint8Array,
  source: string,
  op: string,
): { header: ModelFileHeader; payload: Uint8Array } {
  const fail = (why: string): never => {
    throw new NablaError(op, `${source}: ${why}`);
  };
  const parts = decodeContainer(bytes, source, op);
  const current = upgradeHeader(parts.version, parts.header, fail);
  return { header: validateHeader(current, parts.payload.length, fail), payload: parts.payload };
}

function restoreOptimizer(
  model: Model,
  header: ModelFileHeader,
  payload: Uint8Array,
  source: string,
): void {
  const state = header.optimizerState!;
  const byName = new Map(modelWeights(model).map((w) => [w.name, w.value]));
  const variables: Tensor[] = state.variables.map((name) => {
    const v = byName.get(name);
    if (!v) {
      throw new NablaError(
        'loadModel',
        `${source}: the optimizer state names '${name}', which is not a weight of the model`,
      );
    }
    return v;
  });
  const values = state.weights.map((e) => ({ name: e.name, value: readTensor(payload, e) }));
  try {
    model.optimizer!.setWeights(values, variables);
  } finally {
    for (const v of values) v.value.dispose();
  }
}

/**
 * A model from the bytes of a model file: the same architecture, layer names and weights
 * (bit for bit), compiled as it was saved, with the optimizer's state when the file has it.
 * Refuses truncated, corrupted, foreign and newer-version files with an error saying which.
 *
 * @example const model = nb.deserializeModel(new Uint8Array(await response.arrayBuffer()));
 */
export function deserializeModel(bytes: Uint8Array, options: LoadOptions = {}): Model {
  const source = options.source ?? 'model file';
  const { header, payload } = readModelFile(bytes, source, 'loadModel');
  if (header.kind !== 'model' || !header.model) {
    throw new NablaError(
      'loadModel',
      `${source} holds weights only (from saveWeights): build the model, then call loadWeights`,
    );
  }
  let training: ResolvedTraining | null = null;
  if (header.training && options.compile !== false) {
    training = resolveTraining(header.training, 'loadModel', source);
  }
  let model: Model | null = null;
  try {
    model = modelFromJSON(header.model, { ...LAYER_CLASSES, ...options.classes });
    const { plan } = planWeights(model, header.weights, { op: 'loadModel', source });
    applyAssignments(plan, payload);
    if (training) {
      compileFromTraining(model, training);
      training = null;
      if (header.optimizerState) restoreOptimizer(model, header, payload, source);
    }
    return model;
  } catch (err) {
    model?.dispose();
    training?.optimizer.dispose();
    if (err instanceof NablaError && err.message.includes(source)) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new NablaError('loadModel', `${source}: cannot rebuild the model: ${why}`);
  }
}

/**
 * Loads a model saved by `saveModel`: from a file path, a `file://`, `http(s)://`,
 * `localstorage://name` or `indexeddb://name` URL, or any `ModelStore`.
 *
 * @example const model = await nb.loadModel('out/digits.nabla');
 */
export async function loadModel(target: StoreLike, options: LoadOptions = {}): Promise<Model> {
  const store = resolveStore(target, 'loadModel');
  const bytes = await store.read();
  return deserializeModel(bytes, { ...options, source: options.source ?? store.location });
}

/**
 * Writes the weights of a model or weights file into `model`, matched by layer name (and by
 * weight name within a layer). Every layer is checked first; on any mismatch nothing changes.
 * Returns which layers were loaded and which were skipped (with `strict: false`).
 */
export function setWeightsFromBytes(
  model: Model,
  bytes: Uint8Array,
  options: LoadWeightsOptions = {},
): WeightLoadReport {
  const source = options.source ?? 'weights file';
  const { header, payload } = readModelFile(bytes, source, 'loadWeights');
  const { plan, report } = planWeights(model, header.weights, {
    op: 'loadWeights',
    source,
    strict: options.strict,
  });
  applyAssignments(plan, payload);
  return report;
}

/**
 * Loads weights saved by `saveWeights` (or the weights of a full model file) into `model`.
 *
 * @example await nb.loadWeights(base, 'base.weights.nabla');
 * @example await nb.loadWeights(withNewHead, 'base.nabla', { strict: false }); // transfer
 */
export async function loadWeights(
  model: Model,
  target: StoreLike,
  options: LoadWeightsOptions = {},
): Promise<WeightLoadReport> {
  const store = resolveStore(target, 'loadWeights');
  const bytes = await store.read();
  return setWeightsFromBytes(model, bytes, {
    ...options,
    source: options.source ?? store.location,
  });
}

/** What a model file holds, read without building the model. */
export interface ModelFileInfo {
  location: string;
  /** File size in bytes. */
  bytes: number;
  formatVersion: number;
  /** The header, brought up to the current format version. */
  header: ModelFileHeader;
  /** Number of scalar weights (optimizer state not counted). */
  parameters: number;
}

/**
 * Reads and verifies a model or weights file and returns its header (architecture, training
 * config, weight manifest, metadata) without building anything.
 *
 * @example (await nb.readModelInfo('m.nabla')).header.metadata
 */
export async function readModelInfo(target: StoreLike): Promise<ModelFileInfo> {
  const store = resolveStore(target, 'readModelInfo');
  const bytes = await store.read();
  const { header } = readModelFile(bytes, store.location, 'readModelInfo');
  const formatVersion = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    8,
    true,
  );
  const parameters = header.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  return { location: store.location, bytes: bytes.length, formatVersion, header, parameters };
}
