/** Precision. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Metric, type MetricConfig } from './metric.js';
import { countConfusion, ratio, type ThresholdOptions } from './confusion.js';

/** Options of `Precision` and `Recall`. */
export interface PrecisionConfig extends MetricConfig {
  /**
   * A prediction above it is positive (default 0.5; with `topK`, −∞ so that the top k alone
   * decide). One threshold: Keras's list form is not supported.
   */
  thresholds?: number;
  /** Only the k best-scored classes of each row may count as positive. */
  topK?: number;
  /** Only this class index (last axis) is counted. */
  classId?: number;
}

/** Reads and checks the shared options of `Precision` and `Recall`. */
export function thresholdOptions(metric: string, config: PrecisionConfig): ThresholdOptions {
  const threshold = config.thresholds ?? (config.topK === undefined ? 0.5 : -Infinity);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new NablaError(metric, `thresholds must be one number, got ${String(config.thresholds)}`);
  }
  if (config.topK !== undefined && !(Number.isInteger(config.topK) && config.topK >= 1)) {
    throw new NablaError(metric, `topK must be a positive integer, got ${config.topK}`);
  }
  return { threshold, topK: config.topK, classId: config.classId };
}

/**
 * The fraction of positive predictions that are right: `TP / (TP + FP)` over every element seen
 * since the last reset (0 when nothing was predicted positive). Labels are positive when
 * non-zero; predictions when above the threshold (0.5).
 *
 * Shapes: `[batch, …]` (both).
 */
export class Precision extends Metric {
  override readonly className: string = 'Precision';
  readonly name: string;
  private readonly options: ThresholdOptions;
  private truePositives = 0;
  private falsePositives = 0;

  constructor(config: PrecisionConfig = {}) {
    super();
    this.name = config.name ?? 'precision';
    this.options = thresholdOptions(this.name, config);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    const counts = countConfusion(this.name, yTrue, yPred, sampleWeight, this.options);
    this.truePositives += counts.tp;
    this.falsePositives += counts.fp;
  }

  result(): number {
    return ratio(this.truePositives, this.falsePositives);
  }

  resetState(): void {
    this.truePositives = 0;
    this.falsePositives = 0;
  }

  override getConfig(): Record<string, unknown> {
    const { threshold, topK, classId } = this.options;
    const thresholds = Number.isFinite(threshold) ? threshold : undefined;
    return { ...super.getConfig(), thresholds, topK, classId };
  }
}
