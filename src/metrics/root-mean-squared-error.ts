/** Root mean squared error as a metric. */
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { meanErrorPerSample } from './regression-errors.js';

/**
 * `√(weighted mean of (yTrue − yPred)²)` over every sample seen since the last reset: the root
 * is taken of the accumulated mean, not averaged over batches.
 *
 * Shapes: `[batch, …]` (both; `[batch]` and `[batch, 1]` mix).
 */
export class RootMeanSquaredError extends SampleMeanMetric {
  override readonly className: string = 'RootMeanSquaredError';
  readonly name: string;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'rootMeanSquaredError';
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    return meanErrorPerSample(this.name, yTrue, yPred, (d) => d * d);
  }

  override result(): number {
    return Math.sqrt(super.result());
  }
}
