/** The base of metrics that average one value per sample (Keras's `MeanMetricWrapper`). */
import type { Tensor } from '../tensor/index.js';
import { Metric } from './metric.js';
import { sampleWeights } from './host.js';

/**
 * A weighted mean over samples: `Σ wᵢ·vᵢ / Σ wᵢ` over every batch since the last reset (wᵢ = 1
 * without weights), 0 before any update. Subclasses give `samplewise`, one value per sample.
 */
export abstract class SampleMeanMetric extends Metric {
  protected total = 0;
  protected count = 0;

  /** One value per sample of the batch. */
  protected abstract samplewise(yTrue: Tensor, yPred: Tensor): Float64Array;

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    const values = this.samplewise(yTrue, yPred);
    const weights = sampleWeights(this.name, sampleWeight, values.length);
    for (let i = 0; i < values.length; i++) {
      const w = weights ? weights[i]! : 1;
      this.total += values[i]! * w;
      this.count += w;
    }
  }

  result(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }

  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}
