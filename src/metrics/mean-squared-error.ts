/** Mean squared error as a metric. */
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { meanErrorPerSample } from './regression-errors.js';

/**
 * The (weighted) mean of squared differences `(yTrue − yPred)²`
 * over every sample seen since the last reset; each sample contributes the mean over its
 * elements.
 *
 * Shapes: `[batch, …]` (both; `[batch]` and `[batch, 1]` mix).
 */
export class MeanSquaredError extends SampleMeanMetric {
  override readonly className: string = 'MeanSquaredError';
  readonly name: string;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'meanSquaredError';
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    return meanErrorPerSample(this.name, yTrue, yPred, (d) => d * d);
  }
}
