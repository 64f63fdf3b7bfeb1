/** Sparse categorical accuracy. */
import { fmtShape } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { argmaxAt, meanPerSample, shapeError } from './host.js';

/** Checks labels `[batch, …]` or `[batch, …, 1]` against scores `[batch, …, classes]`. */
export function checkSparseShapes(metric: string, yTrue: Tensor, yPred: Tensor): void {
  const outer = yPred.shape.slice(0, -1);
  const column = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1;
  const labels = column ? yTrue.shape.slice(0, -1) : yTrue.shape;
  const sameRank = yPred.rank >= 1 && labels.length === outer.length;
  const fits = sameRank && labels.every((d, i) => d === outer[i]);
  if (!fits) {
    const expected = `${fmtShape(outer)} or ${fmtShape([...outer, 1])}`;
    throw shapeError(metric, yTrue, yPred, `do not fit: labels must be ${expected}`);
  }
}

/**
 * How often the predicted class (the first largest score) equals the integer label.
 *
 * Shapes: yTrue `[batch, …]` or `[batch, …, 1]`, yPred `[batch, …, classes]`.
 */
export class SparseCategoricalAccuracy extends SampleMeanMetric {
  override readonly className: string = 'SparseCategoricalAccuracy';
  readonly name: string;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'sparseCategoricalAccuracy';
  }

  protected samplewise(yTrue: Tensor, yPred: Tensor): Float64Array {
    checkSparseShapes(this.name, yTrue, yPred);
    const labels = yTrue.dataSync();
    const p = yPred.dataSync();
    const classes = yPred.shape[yPred.rank - 1]!;
    const hits = new Float64Array(labels.length);
    for (let r = 0; r < labels.length; r++) {
      hits[r] = argmaxAt(p, r * classes, classes) === labels[r] ? 1 : 0;
    }
    return meanPerSample(hits, yPred.rank === 1 ? 1 : yPred.shape[0]!);
  }
}
