/** Categorical accuracy. */
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { argmaxAt, meanPerSample, shapeError } from './host.js';

/**
 * How often the predicted class (the first largest score) is the target's class, for one-hot
 * (or soft) targets: `argmax(yPred) == argmax(yTrue)` along the last axis.
 *
 * Shapes: `[batch, …, classes]` (both).
 */
export class CategoricalAccuracy extends SampleMeanMetric {
  override readonly className: string = 'CategoricalAccuracy';
  readonly name: string;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'categoricalAccuracy';
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    const same = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
    if (!same || yPred.rank === 0) {
      throw shapeError(this.name, yTrue, yPred, 'must have the same shape [batch, …, classes]');
    }
    const t = yTrue.dataSync();
    const p = yPred.dataSync();
    const classes = yPred.shape[yPred.rank - 1]!;
    const rows = classes === 0 ? 0 : p.length / classes;
    const hits = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      hits[r] = argmaxAt(t, r * classes, classes) === argmaxAt(p, r * classes, classes) ? 1 : 0;
    }
    return meanPerSample(hits, yPred.rank === 1 ? 1 : yPred.shape[0]!);
  }
}
