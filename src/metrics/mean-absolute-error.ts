/** Mean absolute error as a metric. */
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { meanErrorPerSample } from './regression-errors.js';

/**
 * The (weighted) mean of absolute differences `|yTrue − yPred|`
 * over every sample seen since the last reset; each sample contributes the mean over its
 * elements.
 *
 * Shapes: `[batch, …]` (both; `[batch]` and `[batch, 1]` mix).
 */
export class MeanAbsoluteError extends SampleMeanMetric {
  override readonly className: string = 'MeanAbsoluteError';
  readonly name: string;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'meanAbsoluteError';
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    return meanErrorPerSample(this.name, yTrue, yPred, (d) => Math.abs(d));
  }
}
