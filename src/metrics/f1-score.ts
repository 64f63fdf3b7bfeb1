/** F-beta and F1 scores. */
import { NablaError, fmtShape } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Metric, type MetricConfig } from './metric.js';
import { sampleWeights, shapeError } from './host.js';

/** How per-class scores are combined. */
export type F1Average = 'micro' | 'macro' | 'weighted' | null;

/** Options of `FBetaScore` and `F1Score`. */
export interface FBetaScoreConfig extends MetricConfig {
  /** `null` (per class, the default), `'micro'` (pooled counts), `'macro'`, `'weighted'`. */
  average?: F1Average;
  /** Recall counts β times as much as precision (default 1). */
  beta?: number;
  /**
   * A prediction above it is positive. Default `null`: the largest score of each row is the
   * positive one (all of them on ties), unless it is 0.
   */
  threshold?: number | null;
}

const EPSILON = 1e-7;

/**
 * The F-beta score `(1 + β²) · P · R / (β²·P + R)` per class, from true/false positives and false
 * negatives accumulated over batches (each with ε = 1e-7 in the denominators, as Keras). The
 * classes are combined by `average`. Keras returns the per-class vector when `average` is
 * `null`; nabla's logs hold numbers, so `result()` then gives their mean and `resultPerClass()`
 * the vector.
 *
 * Shapes: `[batch, classes]` (both; binary problems use `[batch, 1]`).
 */
export class FBetaScore extends Metric {
  override readonly className: string = 'FBetaScore';
  readonly name: string;
  readonly average: F1Average;
  readonly beta: number;
  readonly threshold: number | null;
  private tp: Float64Array | null = null;
  private fp: Float64Array | null = null;
  private fn: Float64Array | null = null;
  private support: Float64Array | null = null;

  constructor(config: FBetaScoreConfig = {}) {
    super();
    this.name = config.name ?? 'fBetaScore';
    this.average = config.average ?? null;
    this.beta = config.beta ?? 1;
    this.threshold = config.threshold ?? null;
    if (![null, 'micro', 'macro', 'weighted'].includes(this.average)) {
      const allowed = "null, 'micro', 'macro' or 'weighted'";
      throw new NablaError(this.name, `average must be ${allowed}, not '${String(this.average)}'`);
    }
    if (!(this.beta > 0)) throw new NablaError(this.name, `beta must be > 0, got ${config.beta}`);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    const same = yTrue.rank === 2 && yTrue.shape.every((d, i) => d === yPred.shape[i]);
    if (!same || yPred.rank !== 2) {
      throw shapeError(this.name, yTrue, yPred, 'must have the same shape [batch, classes]');
    }
    const [batch, classes] = yPred.shape as [number, number];
    if (this.tp && this.tp.length !== classes) {
      const built = `built for ${this.tp.length} classes`;
      throw new NablaError(this.name, `${built}, got yPred ${fmtShape(yPred.shape)}`);
    }
    this.tp ??= new Float64Array(classes);
    this.fp ??= new Float64Array(classes);
    this.fn ??= new Float64Array(classes);
    this.support ??= new Float64Array(classes);
    const t = yTrue.dataSync();
    const p = yPred.dataSync();
    const weights = sampleWeights(this.name, sampleWeight, batch);
    for (let r = 0; r < batch; r++) {
      const w = weights ? weights[r]! : 1;
      const start = r * classes;
      let rowMax = -Infinity;
      for (let c = 0; c < classes; c++) rowMax = Math.max(rowMax, p[start + c]!);
      for (let c = 0; c < classes; c++) {
        const score = p[start + c]!;
        // Without a threshold the row's maximum is positive, unless it is 0 ([0, 0] stays 0).
        const byMax = score >= rowMax && Math.abs(score) > 1e-9;
        const predicted = this.threshold === null ? byMax : score > this.threshold;
        const label = t[start + c]!;
        const pred = predicted ? 1 : 0;
        // Soft labels count fractionally, as Keras's products do.
        this.tp[c]! += w * pred * label;
        this.fp[c]! += w * pred * (1 - label);
        this.fn[c]! += w * (1 - pred) * label;
        this.support[c]! += w * label;
      }
    }
  }

  /** The score of each class (with `'micro'`, one pooled score). */
  resultPerClass(): number[] {
    if (!this.tp || !this.fp || !this.fn) return [];
    if (this.average === 'micro') {
      return [this.score(sum(this.tp), sum(this.fp), sum(this.fn))];
    }
    return Array.from(this.tp, (tp, c) => this.score(tp, this.fp![c]!, this.fn![c]!));
  }

  result(): number {
    const scores = this.resultPerClass();
    if (scores.length === 0) return 0;
    if (this.average === 'weighted') {
      const support = this.support!;
      const total = sum(support) + EPSILON;
      return scores.reduce((acc, s, c) => acc + (s * support[c]!) / total, 0);
    }
    return sum(scores) / scores.length;
  }

  private score(tp: number, fp: number, fn: number): number {
    const precision = tp / (tp + fp + EPSILON);
    const recall = tp / (tp + fn + EPSILON);
    const b2 = this.beta * this.beta;
    return ((1 + b2) * precision * recall) / (b2 * precision + recall + EPSILON);
  }

  resetState(): void {
    this.tp?.fill(0);
    this.fp?.fill(0);
    this.fn?.fill(0);
    this.support?.fill(0);
  }

  override getConfig(): Record<string, unknown> {
    const { average, beta, threshold } = this;
    return { ...super.getConfig(), average, beta, threshold };
  }
}

/** The F1 score: `FBetaScore` with β = 1, `2·P·R / (P + R)`. */
export class F1Score extends FBetaScore {
  override readonly className: string = 'F1Score';

  constructor(config: Omit<FBetaScoreConfig, 'beta'> = {}) {
    super({ ...config, beta: 1, name: config.name ?? 'f1Score' });
  }

  override getConfig(): Record<string, unknown> {
    const { beta: _beta, ...rest } = super.getConfig();
    return rest;
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
