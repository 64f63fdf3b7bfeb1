/** Weighted confusion counts at one threshold, shared by `Precision` and `Recall`. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { batchOf, checkSameElements, sampleWeights } from './host.js';

/** How predictions become positive or negative. */
export interface ThresholdOptions {
  /** A prediction above it is positive. */
  threshold: number;
  /** Only the `topK` best scores of each row may be positive (ties broken by lower index). */
  topK?: number;
  /** Only this class (index along the last axis) is counted. */
  classId?: number;
}

/** True/false positives and negatives, weighted. */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Counts every element (or, with `classId`, every element of that class) as a true/false
 * positive/negative: the label is positive when non-zero, the prediction when above the
 * threshold and, with `topK`, among its row's `topK` best. Each counts its sample's weight.
 */
export function countConfusion(
  metric: string,
  yTrue: Tensor,
  yPred: Tensor,
  sampleWeight: Tensor | null | undefined,
  options: ThresholdOptions,
): ConfusionCounts {
  checkSameElements(metric, yTrue, yPred);
  const t = yTrue.dataSync();
  const p = yPred.dataSync();
  const batch = batchOf(yPred.shape);
  const weights = sampleWeights(metric, sampleWeight, batch);
  const perSample = batch === 0 ? 0 : p.length / batch;
  const classes = yPred.shape[yPred.rank - 1] ?? 1;
  const { threshold, topK, classId } = options;
  if (classId !== undefined && !(Number.isInteger(classId) && classId >= 0 && classId < classes)) {
    throw new NablaError(metric, `classId ${classId} is out of range for ${classes} classes`);
  }
  const inTopK = topK === undefined ? null : topKMask(p, classes, topK);
  const counts: ConfusionCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < p.length; i++) {
    if (classId !== undefined && i % classes !== classId) continue;
    const w = weights ? weights[Math.floor(i / perSample)]! : 1;
    const predicted = p[i]! > threshold && (inTopK === null || inTopK[i] === 1);
    const actual = t[i] !== 0;
    if (predicted && actual) counts.tp += w;
    else if (predicted) counts.fp += w;
    else if (actual) counts.fn += w;
    else counts.tn += w;
  }
  return counts;
}

/** 1 for the `k` largest values of each row (a stable sort breaks ties by lower index). */
function topKMask(p: ArrayLike<number>, classes: number, k: number): Uint8Array {
  const mask = new Uint8Array(p.length);
  const order = Array.from({ length: classes }, (_, j) => j);
  for (let start = 0; start < p.length; start += classes) {
    order.sort((a, b) => p[start + b]! - p[start + a]! || a - b);
    for (let j = 0; j < Math.min(k, classes); j++) mask[start + order[j]!] = 1;
    order.sort((a, b) => a - b);
  }
  return mask;
}

/** `a / (a + b)`, or 0 when both are 0 (Keras's `divide_no_nan`). */
export function ratio(a: number, b: number): number {
  return a + b === 0 ? 0 : a / (a + b);
}
