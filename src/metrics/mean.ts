/** A running (weighted) mean of values. */
import type { Tensor } from '../tensor/index.js';
import { Metric, type MetricConfig } from './metric.js';
import { batchOf, meanPerSample, sampleWeights } from './host.js';

/**
 * The running weighted mean `Σ wᵢ·vᵢ / Σ wᵢ` of everything passed to `updateState` since the last
 * reset; 0 before any update. Training logs track the loss with it, weighting each batch's
 * loss by the batch size. A tensor of values counts one sample per row (each row averaged).
 *
 * @example const m = new Mean(); m.updateState(0.5, 32); m.updateState(0.2, 16); m.result() // 0.4
 */
export class Mean extends Metric {
  override readonly className: string = 'Mean';
  readonly name: string;
  private total = 0;
  private count = 0;

  constructor(config: MetricConfig = {}) {
    super();
    this.name = config.name ?? 'mean';
  }

  /** Adds `values` (a number, numbers or a tensor) with optional weight(s). */
  override updateState(
    values: Tensor | number | readonly number[],
    sampleWeight?: Tensor | number | null,
  ): void {
    if (typeof values === 'number') {
      const w = sampleWeights(this.name, sampleWeight, 1);
      this.add([values], w);
      return;
    }
    if (Array.isArray(values)) {
      this.add(values as readonly number[], sampleWeights(this.name, sampleWeight, values.length));
      return;
    }
    const t = values as Tensor;
    const batch = batchOf(t.shape);
    const perSample = meanPerSample(t.dataSync(), batch);
    this.add(perSample, sampleWeights(this.name, sampleWeight, batch));
  }

  private add(values: ArrayLike<number>, weights: Float64Array | null): void {
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
