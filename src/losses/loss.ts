/**
 * The loss contract. A loss computes one value per sample; `call` reduces them with optional
 * sample weights to the scalar that training minimises ("sum over batch size", Keras's default).
 */
import { NablaError, fmtShape } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';

/** A loss: per-sample values, then a weighted mean over the batch. */
export abstract class Loss {
  /** The camelCase name (`categoricalCrossentropy`), used in logs and serialisation. */
  abstract readonly name: string;

  /** Per-sample losses: `[batch, …] → [batch]` (or `[batch, …]` for sequence outputs). */
  abstract compute(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The scalar loss: per-sample values times `sampleWeight` (if given, broadcast `[batch]`),
   * summed and divided by the number of values, as Keras's `sum_over_batch_size`.
   */
  call(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): Tensor {
    const perSample = this.compute(yTrue, yPred);
    if (!sampleWeight) return perSample.mean();
    if (sampleWeight.shape[0] !== perSample.shape[0]) {
      throw new NablaError(this.name, `sampleWeight ${fmtShape(sampleWeight.shape)} does not match batch ${fmtShape(perSample.shape)}`);
    }
    const w = sampleWeight.rank < perSample.rank ? sampleWeight.reshape([...sampleWeight.shape, ...perSample.shape.slice(sampleWeight.rank).map(() => 1)]) : sampleWeight;
    return perSample.mul(w).mean();
  }

  /** Serialisable options (beyond the name). */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** A plain function `(yTrue, yPred) → per-sample loss` can be used as a loss too. */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
