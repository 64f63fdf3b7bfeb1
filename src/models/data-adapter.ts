/**
 * Turns what users pass to `fit` / `evaluate` / `predict` (a tensor, a list, a map by name, or a
 * dataset of batches) into ordered tensor lists, and checks it with errors that name shapes.
 */
import { NablaError, fmtShape } from '../core/errors.js';
import { Tensor, tensor } from '../tensor/index.js';

/** Model data: one tensor, one per input/output in order, or a map by input/output name. */
export type TensorData = Tensor | Tensor[] | Record<string, Tensor>;

/**
 * A dataset for `fit`: anything iterable or async-iterable whose elements are batches, as
 * `{xs, ys}` (optionally `sampleWeight`) or `[x, y]` / `[x, y, sampleWeight]`, where `x` and `y`
 * are `TensorData`. `nb.data` datasets qualify. `fit` disposes each batch after its step,
 * except when the dataset is a plain array (whose batches are read again every epoch).
 */
export type FitDataset = Iterable<unknown> | AsyncIterable<unknown>;

/** A batch split into lists. */
export interface Batch {
  xs: Tensor[];
  ys: Tensor[] | null;
  sampleWeight: Tensor | null;
}

function isRecordOfTensors(v: unknown): v is Record<string, Tensor> {
  if (v === null || typeof v !== 'object' || v instanceof Tensor || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every((t) => t instanceof Tensor);
}

/** Whether `v` is model data (as opposed to a dataset or options). */
export function isTensorData(v: unknown): v is TensorData {
  if (v instanceof Tensor) return true;
  if (Array.isArray(v)) return v.length > 0 && v.every((t) => t instanceof Tensor);
  return isRecordOfTensors(v);
}

/** Whether `v` is a dataset (iterable of batches) rather than model data. */
export function isDataset(v: unknown): v is FitDataset {
  if (v === null || typeof v !== 'object' || isTensorData(v)) return false;
  return Symbol.iterator in v || Symbol.asyncIterator in v;
}

/** Orders `data` by `names` (the model's inputs or outputs). */
export function toList(
  data: TensorData,
  names: readonly string[],
  what: string,
  op: string,
): Tensor[] {
  let list: Tensor[];
  if (data instanceof Tensor) list = [data];
  else if (Array.isArray(data)) list = data;
  else if (isRecordOfTensors(data)) {
    for (const key of Object.keys(data)) {
      if (!names.includes(key))
        throw new NablaError(
          op,
          `${what} has key '${key}', but the model's names are ${names.join(', ')}`,
        );
    }
    list = names.map((n) => {
      const t = data[n];
      if (!t) throw new NablaError(op, `${what} has no entry for '${n}'`);
      return t;
    });
  } else {
    throw new NablaError(
      op,
      `${what} must be a Tensor, an array of Tensors or a map of Tensors by name`,
    );
  }
  if (list.length !== names.length) {
    throw new NablaError(
      op,
      `the model has ${names.length} ${what === 'x' ? 'input' : 'output'}(s) (${names.join(', ')}), but ${what} holds ${list.length} tensor(s)`,
    );
  }
  for (const t of list) {
    if (!(t instanceof Tensor)) throw new NablaError(op, `${what} must hold Tensors`);
    t.assertAlive(op);
    if (t.rank === 0) throw new NablaError(op, `${what} must have a batch dimension, got a scalar`);
  }
  return list;
}

/** The common number of samples; throws naming every shape when they differ. */
export function sampleCount(op: string, ...groups: [string, readonly Tensor[]][]): number {
  const all = groups.flatMap(([name, list]) =>
    list.map((t, i) => [list.length > 1 ? `${name}[${i}]` : name, t] as const),
  );
  const n = all[0]![1].shape[0]!;
  if (all.some(([, t]) => t.shape[0] !== n)) {
    const described = all.map(([name, t]) => `${name} ${fmtShape(t.shape)}`).join(', ');
    throw new NablaError(
      op,
      `inputs and targets must have the same number of samples (first dimension), got ${described}`,
    );
  }
  return n;
}

/** Per-sample weights from class weights: `y` one-hot (argmax) or integer labels; default 1. */
export function classWeightsToSampleWeights(
  y: Tensor,
  classWeight: Readonly<Record<number, number>>,
): Tensor {
  const n = y.shape[0]!;
  const values = y.dataSync();
  const width = y.rank > 1 ? y.size / n : 1;
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let label: number;
    if (width === 1) label = Math.round(values[i]!);
    else {
      label = 0;
      for (let j = 1; j < width; j++)
        if (values[i * width + j]! > values[i * width + label]!) label = j;
    }
    weights[i] = classWeight[label] ?? 1;
  }
  return tensor(weights, { shape: [n] });
}

/** Reads one dataset element as a batch; `withTargets` false allows `x` alone (predict). */
export function parseElement(
  element: unknown,
  xNames: readonly string[],
  yNames: readonly string[],
  withTargets: boolean,
  op: string,
): Batch {
  let x: unknown;
  let y: unknown;
  let sw: unknown;
  // With targets, a 2- or 3-element array is [x, y(, sampleWeight)]; without, it is x.
  const isPair = withTargets || !isTensorData(element);
  if (Array.isArray(element) && element.length >= 2 && element.length <= 3 && isPair) {
    [x, y, sw] = element;
  } else if (element !== null && typeof element === 'object' && 'xs' in element) {
    const e = element as { xs: unknown; ys?: unknown; sampleWeight?: unknown };
    [x, y, sw] = [e.xs, e.ys, e.sampleWeight];
  } else if (!withTargets && isTensorData(element)) {
    x = element;
  } else {
    throw new NablaError(
      op,
      'each dataset element must be {xs, ys} or [x, y] (optionally with a sample weight)',
    );
  }
  if (!isTensorData(x)) throw new NablaError(op, 'a dataset element has no valid xs');
  if (withTargets && !isTensorData(y))
    throw new NablaError(op, 'a dataset element has no valid ys');
  if (sw !== undefined && sw !== null && !(sw instanceof Tensor))
    throw new NablaError(op, 'sampleWeight must be a Tensor');
  return {
    xs: toList(x, xNames, 'x', op),
    ys: isTensorData(y) ? toList(y, yNames, 'y', op) : null,
    sampleWeight: (sw as Tensor | undefined) ?? null,
  };
}

/** Disposes a dataset batch's tensors. */
export function disposeBatch(batch: Batch): void {
  for (const t of batch.xs) t.dispose();
  for (const t of batch.ys ?? []) t.dispose();
  batch.sampleWeight?.dispose();
}
