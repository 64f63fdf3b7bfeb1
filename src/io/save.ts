/** Saving: a model (or its weights) to the bytes of a model file, and to a store. */
import { NablaError } from '../core/errors.js';
import { noGrad, type Tensor } from '../tensor/index.js';
import type { Model } from '../models/model.js';
import { encodeContainer } from './format.js';
import type { ModelFileHeader, OptimizerState, WeightEntry } from './header.js';
import { joinPayload, packTensors } from './payload.js';
import { resolveStore, type StoreLike } from './store.js';
import { trainingConfigOf } from './training-config.js';
import { modelWeights } from './weights.js';

/** The nabla version written into file headers (informative only). */
export const NABLA_VERSION = '0.1.0';

/** Options of `saveModel` and `serializeModel`. */
export interface SaveOptions {
  /**
   * Store the optimizer's state (moments, step count), so that training resumes exactly where
   * it stopped. Default true, as in Keras; false makes the file smaller.
   */
  includeOptimizer?: boolean;
  /**
   * JSON to keep in the file beside the model (class names, preprocessing statistics, …);
   * `readModelInfo` returns it.
   */
  metadata?: Record<string, unknown>;
}

/**
 * The variables the optimizer holds state for, in the order it first saw them. Optimizers that
 * expose `variables` say so exactly; otherwise it is every trainable weight once training has
 * started (what `fit` and `trainOnBatch` pass), and none before.
 */
function optimizerVariables(
  model: Model,
  weights: readonly { name: string; value: Tensor }[],
): string[] {
  const optimizer = model.optimizer!;
  const names = new Map(weights.map((w) => [w.value, w.name]));
  const exposed = (optimizer as { variables?: readonly Tensor[] }).variables;
  const list =
    exposed ?? (optimizer.iterations > 0 ? model.trainableWeights.map((w) => w.value) : []);
  return list.map((v) => {
    const name = names.get(v);
    if (name === undefined) {
      throw new NablaError(
        'saveModel',
        `the optimizer holds state for ${v.name ?? 'a variable'}, ` +
          `which is not a weight of model '${model.name}'`,
      );
    }
    return name;
  });
}

function build(
  model: Model,
  kind: 'model' | 'weights',
  includeOptimizer: boolean,
  metadata?: Record<string, unknown>,
): Uint8Array {
  const weights = modelWeights(model);
  const packed = packTensors(weights);
  const weightEntries: WeightEntry[] = packed.entries.map((e, i) => ({
    ...e,
    layer: weights[i]!.layer,
  }));
  const groups = [packed];
  let end = packed.end;
  let optimizerState: OptimizerState | null = null;
  const training = kind === 'model' ? trainingConfigOf(model) : null;
  if (training && includeOptimizer) {
    const variables = optimizerVariables(model, weights);
    const state = noGrad(() => model.optimizer!.getWeights());
    try {
      const packedState = packTensors(state, end);
      groups.push(packedState);
      end = packedState.end;
      optimizerState = { variables, weights: packedState.entries };
    } finally {
      for (const s of state) s.value.dispose();
    }
  }
  const header: ModelFileHeader = {
    format: 'nabla-model',
    kind,
    nablaVersion: NABLA_VERSION,
    model: kind === 'model' ? model.toJSON() : null,
    training,
    weights: weightEntries,
    optimizerState,
    ...(metadata === undefined ? {} : { metadata }),
  };
  return encodeContainer(header, joinPayload(groups, end));
}

/**
 * A model as the bytes of a model file: architecture, training config (when compiled),
 * weights and, by default, the optimizer's state. Works everywhere (no file system needed):
 * send the bytes with `fetch`, keep them in an `ArrayBuffer`, …
 *
 * @example const bytes = nb.serializeModel(model); const copy = nb.deserializeModel(bytes);
 */
export function serializeModel(model: Model, options: SaveOptions = {}): Uint8Array {
  return build(model, 'model', options.includeOptimizer ?? true, options.metadata);
}

/**
 * Saves a model: to a file path (written atomically: a crash mid-save leaves the old file), a
 * `file://`, `localstorage://name` or `indexeddb://name` URL, or any `ModelStore`. Returns
 * where it went and how many bytes it wrote.
 *
 * @example await nb.saveModel(model, 'out/digits.nabla');
 */
export async function saveModel(
  model: Model,
  target: StoreLike,
  options: SaveOptions = {},
): Promise<{ location: string; bytes: number }> {
  const store = resolveStore(target, 'saveModel');
  const bytes = serializeModel(model, options);
  await store.write(bytes);
  return { location: store.location, bytes: bytes.length };
}

/** The weights of a model alone, as the bytes of a weights file (read by `loadWeights`). */
export function serializeWeights(model: Model): Uint8Array {
  return build(model, 'weights', false);
}

/**
 * Saves only the weights, named by layer, for `loadWeights` into a model of the same (or a
 * partly shared) architecture. Same targets and atomicity as `saveModel`.
 *
 * @example await nb.saveWeights(base, 'base.weights.nabla');
 */
export async function saveWeights(
  model: Model,
  target: StoreLike,
): Promise<{ location: string; bytes: number }> {
  const store = resolveStore(target, 'saveWeights');
  const bytes = serializeWeights(model);
  await store.write(bytes);
  return { location: store.location, bytes: bytes.length };
}
