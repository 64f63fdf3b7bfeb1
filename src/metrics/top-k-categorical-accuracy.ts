/** Top-k categorical accuracy. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import type { MetricConfig } from './metric.js';
import { SampleMeanMetric } from './sample-mean-metric.js';
import { argmaxAt, meanPerSample, shapeError } from './host.js';

/** Options of `TopKCategoricalAccuracy`. */
export interface TopKCategoricalAccuracyConfig extends MetricConfig {
  /** How many of the best-scored classes may hold the target (default 5). */
  k?: number;
}

/**
 * How often the target class (argmax of the one-hot `yTrue`) is among the `k` best-scored
 * classes. As `in_top_k`, classes tied with the target's score count as below it: the target
 * is in the top k when fewer than k classes score strictly higher (a NaN score never is).
 *
 * Shapes: `[batch, …, classes]` (both).
 */
export class TopKCategoricalAccuracy extends SampleMeanMetric {
  override readonly className: string = 'TopKCategoricalAccuracy';
  readonly name: string;
  readonly k: number;

  constructor(config: TopKCategoricalAccuracyConfig = {}) {
    super();
    this.name = config.name ?? 'topKCategoricalAccuracy';
    this.k = config.k ?? 5;
    if (!(Number.isInteger(this.k) && this.k >= 1)) {
      throw new NablaError(this.name, `k must be a positive integer, got ${config.k}`);
    }
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
      const start = r * classes;
      const score = p[start + argmaxAt(t, start, classes)]!;
      let higher = 0;
      for (let j = 0; j < classes; j++) if (p[start + j]! > score) higher++;
      hits[r] = !Number.isNaN(score) && higher < this.k ? 1 : 0;
    }
    return meanPerSample(hits, yPred.rank === 1 ? 1 : yPred.shape[0]!);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), k: this.k };
  }
}
