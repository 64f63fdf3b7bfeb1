/** Area under the ROC curve. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Metric, type MetricConfig } from './metric.js';
import { batchOf, checkSameElements, sampleWeights } from './host.js';
import { ratio } from './confusion.js';

/** How the area between two thresholds is approximated. */
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

/** Options of `AUC`. */
export interface AUCConfig extends MetricConfig {
  /** Evenly spaced thresholds over [0, 1], ends included (default 200, at least 2). */
  numThresholds?: number;
  /** Only `'ROC'` is implemented. */
  curve?: 'ROC';
  /** Trapezoids (`'interpolation'`, default), or lower / upper rectangles. */
  summationMethod?: AUCSummationMethod;
  /** Explicit thresholds in (0, 1) instead of `numThresholds` (−ε and 1 + ε are added). */
  thresholds?: readonly number[];
  /** `yPred` holds logits: a sigmoid is applied first (default false). */
  fromLogits?: boolean;
}

const EPSILON = 1e-7;

/**
 * Area under the ROC curve, approximated as Keras does: true/false positives and negatives are
 * accumulated at fixed thresholds `[−ε, 1/(n−1), …, (n−2)/(n−1), 1 + ε]` (a prediction is
 * positive when strictly above), and the curve (false-positive rate, recall) through those points
 * is summed with trapezoids. Labels are positive when non-zero. Every element counts; a sample
 * weight applies to all elements of its sample.
 *
 * Shapes: `[batch, …]` (both).
 */
export class AUC extends Metric {
  override readonly className: string = 'AUC';
  readonly name: string;
  readonly summationMethod: AUCSummationMethod;
  readonly fromLogits: boolean;
  /** The thresholds, ascending, ends included. */
  readonly thresholds: Float64Array;
  private readonly explicit: boolean;
  // positives[k] / negatives[k]: weight of labels whose prediction is above exactly k thresholds.
  private positives: Float64Array;
  private negatives: Float64Array;

  constructor(config: AUCConfig = {}) {
    super();
    this.name = config.name ?? 'auc';
    this.summationMethod = config.summationMethod ?? 'interpolation';
    this.fromLogits = config.fromLogits ?? false;
    if ((config.curve ?? 'ROC') !== 'ROC') {
      const curve = String(config.curve);
      throw new NablaError(this.name, `curve '${curve}' is not implemented (use 'ROC')`);
    }
    if (!['interpolation', 'minoring', 'majoring'].includes(this.summationMethod)) {
      throw new NablaError(this.name, `unknown summationMethod '${this.summationMethod}'`);
    }
    this.explicit = config.thresholds !== undefined;
    this.thresholds = makeThresholds(this.name, config);
    this.positives = new Float64Array(this.thresholds.length + 1);
    this.negatives = new Float64Array(this.thresholds.length + 1);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    checkSameElements(this.name, yTrue, yPred);
    const t = yTrue.dataSync();
    const p = yPred.dataSync();
    const batch = batchOf(yPred.shape);
    const weights = sampleWeights(this.name, sampleWeight, batch);
    const perSample = batch === 0 ? 0 : p.length / batch;
    for (let i = 0; i < p.length; i++) {
      const w = weights ? weights[Math.floor(i / perSample)]! : 1;
      const score = this.fromLogits ? 1 / (1 + Math.exp(-p[i]!)) : p[i]!;
      const above = countBelow(this.thresholds, score);
      if (t[i] !== 0) this.positives[above]! += w;
      else this.negatives[above]! += w;
    }
  }

  result(): number {
    const n = this.thresholds.length;
    const totalPos = this.positives.reduce((a, b) => a + b, 0);
    const totalNeg = this.negatives.reduce((a, b) => a + b, 0);
    // At threshold i, predictions above more than i thresholds are positive.
    let tp = totalPos - this.positives[0]!;
    let fp = totalNeg - this.negatives[0]!;
    let prevRecall = ratio(tp, totalPos - tp);
    let prevFpr = ratio(fp, totalNeg - fp);
    let area = 0;
    for (let i = 1; i < n; i++) {
      tp -= this.positives[i]!;
      fp -= this.negatives[i]!;
      const recall = ratio(tp, totalPos - tp);
      const fpr = ratio(fp, totalNeg - fp);
      area += (prevFpr - fpr) * this.height(prevRecall, recall);
      prevRecall = recall;
      prevFpr = fpr;
    }
    return area;
  }

  private height(a: number, b: number): number {
    if (this.summationMethod === 'minoring') return Math.min(a, b);
    if (this.summationMethod === 'majoring') return Math.max(a, b);
    return (a + b) / 2;
  }

  resetState(): void {
    this.positives.fill(0);
    this.negatives.fill(0);
  }

  override getConfig(): Record<string, unknown> {
    const inner = Array.from(this.thresholds.subarray(1, -1));
    return {
      ...super.getConfig(),
      numThresholds: this.thresholds.length,
      curve: 'ROC',
      summationMethod: this.summationMethod,
      thresholds: this.explicit ? inner : undefined,
      fromLogits: this.fromLogits,
    };
  }
}

function makeThresholds(metric: string, config: AUCConfig): Float64Array {
  if (config.thresholds !== undefined) {
    const inner = [...config.thresholds].sort((a, b) => a - b);
    if (inner.some((v) => !(v >= 0 && v <= 1))) {
      const given = config.thresholds.join(', ');
      throw new NablaError(metric, `thresholds must lie in [0, 1], got [${given}]`);
    }
    return Float64Array.from([-EPSILON, ...inner, 1 + EPSILON]);
  }
  const n = config.numThresholds ?? 200;
  if (!(Number.isInteger(n) && n >= 2)) {
    const given = config.numThresholds;
    throw new NablaError(metric, `numThresholds must be an integer ≥ 2, got ${given}`);
  }
  const out = new Float64Array(n);
  out[0] = -EPSILON;
  for (let i = 1; i < n - 1; i++) out[i] = i / (n - 1);
  out[n - 1] = 1 + EPSILON;
  return out;
}

/** How many of the ascending `thresholds` lie strictly below `score` (0 for NaN). */
function countBelow(thresholds: Float64Array, score: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (score > thresholds[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
