/** Binary accuracy. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { batchOf, checkSameElements, meanPerSample } from './host.js';

/** Options of `BinaryAccuracy`. */
export interface BinaryAccuracyConfig extends MetricConfig {
  /** A prediction above it counts as 1 (default 0.5). */
  threshold?: number;
}

/**
 * How often `yPred > threshold` equals the binary target: each element scores 1 or 0, each
 * sample its mean, the metric the (weighted) mean over samples.
 *
 * Shapes: `[batch, …]` (both; `[batch]` and `[batch, 1]` mix).
 */
export class BinaryAccuracy extends SampleMeanMetric {
  override readonly className: string = 'BinaryAccuracy';
  readonly name: string;
  readonly threshold: number;

  constructor(config: BinaryAccuracyConfig = {}) {
    super();
    this.name = config.name ?? 'binaryAccuracy';
    this.threshold = config.threshold ?? 0.5;
    if (!Number.isFinite(this.threshold)) {
      throw new NablaError(this.name, `threshold must be a finite number, got ${config.threshold}`);
    }
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    checkSameElements(this.name, yTrue, yPred);
    const t = yTrue.dataSync();
    const p = yPred.dataSync();
    const hits = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      // Keras compares the target itself with the thresholded prediction: 0.7 never matches.
      hits[i] = t[i] === (p[i]! > this.threshold ? 1 : 0) ? 1 : 0;
    }
    return meanPerSample(hits, batchOf(yPred.shape));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), threshold: this.threshold };
  }
}
