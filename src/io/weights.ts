/**
 * Which stored weight goes into which model weight. Weights are named `layer/weight` and grouped
 * by the model's top-level layer; every check runs before the first value is written, so a
 * failed load changes nothing.
 */
import { NablaError, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { backend, setBackend, tidy, type Tensor } from '../tensor/index.js';
import type { Model } from '../models/model.js';
import type { TensorEntry, WeightEntry } from './header.js';
import { readTensor, type NamedTensor } from './payload.js';

/** A model weight with the top-level layer that holds it. */
export interface ModelWeight extends NamedTensor {
  layer: string;
}

/**
 * Every weight of `model` in layer order, named `layer/weight`. A nested model's weights are
 * prefixed with its name (`encoder/dense/kernel`), so names stay unique. A weight shared by two
 * layers is listed once, under the first.
 */
export function modelWeights(model: Model): ModelWeight[] {
  const seen = new Set<Tensor>();
  const out: ModelWeight[] = [];
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (seen.has(w.value)) continue;
      seen.add(w.value);
      const own = w.value.name ?? `${layer.name}/${w.name}`;
      const name = own.startsWith(`${layer.name}/`) ? own : `${layer.name}/${own}`;
      out.push({ layer: layer.name, name, value: w.value });
    }
  }
  return out;
}

/** One write of a load: a stored entry into a model weight. */
export interface WeightAssignment {
  target: Tensor;
  entry: TensorEntry;
}

/** Options of `planWeights`. */
export interface MatchOptions {
  /**
   * `true` (default): every layer with weights must be in the file and every stored layer in
   * the model. `false`: load the layers both have and skip the rest (transfer learning).
   */
  strict?: boolean;
  /** The calling function, for messages. */
  op?: string;
  /** The file, for messages. */
  source?: string;
}

/** What a load wrote and what it skipped, by layer name. */
export interface WeightLoadReport {
  loaded: string[];
  skippedInModel: string[];
  skippedInFile: string[];
}

function group<T extends { layer: string }>(list: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) map.set(item.layer, [...(map.get(item.layer) ?? []), item]);
  return map;
}

/**
 * Matches stored weights to `model`'s by layer name, then by weight name within a layer (or by
 * position, when the names differ but the count and shapes agree: a nested model whose inner
 * layers were named differently). Throws naming the layer and both shapes on any mismatch.
 */
export function planWeights(
  model: Model,
  stored: readonly WeightEntry[],
  options: MatchOptions = {},
): { plan: WeightAssignment[]; report: WeightLoadReport } {
  const op = options.op ?? 'loadWeights';
  const where = options.source ? `${options.source}: ` : '';
  const fail = (why: string): never => {
    throw new NablaError(op, `${where}${why}`);
  };
  const strict = options.strict ?? true;
  const mine = group(modelWeights(model));
  const theirs = group(stored);
  const report: WeightLoadReport = { loaded: [], skippedInModel: [], skippedInFile: [] };
  for (const layer of theirs.keys()) {
    if (mine.has(layer)) continue;
    if (strict) {
      fail(
        `the file has weights for layer '${layer}', which the model lacks ` +
          `(model layers with weights: ${[...mine.keys()].join(', ') || 'none'})`,
      );
    }
    report.skippedInFile.push(layer);
  }
  const plan: WeightAssignment[] = [];
  for (const [layer, targets] of mine) {
    const entries = theirs.get(layer);
    if (!entries) {
      if (strict) fail(`the file has no weights for layer '${layer}'`);
      report.skippedInModel.push(layer);
      continue;
    }
    if (entries.length !== targets.length) {
      fail(`layer '${layer}' has ${targets.length} weights, the file has ${entries.length}`);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const namesAgree = targets.every((t) => byName.has(t.name));
    targets.forEach((t, i) => {
      const entry = namesAgree ? byName.get(t.name)! : entries[i]!;
      if (!shapesEqual(entry.shape, t.value.shape)) {
        fail(
          `weight '${t.name}' has shape ${fmtShape(t.value.shape)} in the model ` +
            `but ${fmtShape(entry.shape)} in the file`,
        );
      }
      plan.push({ target: t.value, entry });
    });
    report.loaded.push(layer);
  }
  return { plan, report };
}

/** Writes every planned value. Call only after every check has passed. */
export function applyAssignments(plan: readonly WeightAssignment[], payload: Uint8Array): void {
  const previous = backend();
  try {
    for (const { target, entry } of plan) {
      // Create the value on the target's backend: assign needs both on one.
      setBackend(target.backend);
      tidy(() => {
        target.assign(readTensor(payload, entry));
      });
    }
  } finally {
    setBackend(previous);
  }
}
