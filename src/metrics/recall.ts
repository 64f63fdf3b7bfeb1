/** Recall. */
import type { Tensor } from '../tensor/index.js';
import { Metric } from './metric.js';
import { countConfusion, ratio, type ThresholdOptions } from './confusion.js';
import { thresholdOptions, type PrecisionConfig } from './precision.js';

/** Options of `Recall` (the same as `Precision`'s). */
export type RecallConfig = PrecisionConfig;

/**
 * The fraction of positive labels that are predicted positive: `TP / (TP + FN)` over every
 * element seen since the last reset (0 when there were no positive labels). Labels are positive
 * when non-zero; predictions when above the threshold (0.5).
 *
 * Shapes: `[batch, …]` (both).
 */
export class Recall extends Metric {
  override readonly className: string = 'Recall';
  readonly name: string;
  private readonly options: ThresholdOptions;
  private truePositives = 0;
  private falseNegatives = 0;

  constructor(config: RecallConfig = {}) {
    super();
    this.name = config.name ?? 'recall';
    this.options = thresholdOptions(this.name, config);
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    const counts = countConfusion(this.name, yTrue, yPred, sampleWeight, this.options);
    this.truePositives += counts.tp;
    this.falseNegatives += counts.fn;
  }

  result(): number {
    return ratio(this.truePositives, this.falseNegatives);
  }

  resetState(): void {
    this.truePositives = 0;
    this.falseNegatives = 0;
  }

  override getConfig(): Record<string, unknown> {
    const { threshold, topK, classId } = this.options;
    const thresholds = Number.isFinite(threshold) ? threshold : undefined;
    return { ...super.getConfig(), thresholds, topK, classId };
  }
}
