/** A plain function used as a metric. */
import { noGrad, tidy, type Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { batchOf, meanPerSample } from './host.js';

/** A metric function: values per sample (`[batch]` or `[batch, …]`) or one value per batch. */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Turns `fn(yTrue, yPred)` into a stateful metric: the weighted mean of its per-sample values
 * (rows averaged) over every batch. The function runs without gradients inside `tidy`.
 *
 * @example new MeanMetricWrapper((t, p) => p.sub(t).abs().max(-1), { name: 'maxError' })
 */
export class MeanMetricWrapper extends SampleMeanMetric {
  override readonly className: string = 'MeanMetricWrapper';
  readonly name: string;

  constructor(
    readonly fn: MetricFn,
    config: MetricConfig = {},
  ) {
    super();
    this.name = config.name ?? (fn.name || 'metric');
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    const values = noGrad(() => tidy(() => this.fn(yTrue, yPred)));
    const data = values.dataSync();
    const batch = batchOf(values.shape);
    if (values !== yTrue && values !== yPred) values.dispose();
    return meanPerSample(data, batch);
  }
}
