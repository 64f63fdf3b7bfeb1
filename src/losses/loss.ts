/**
 * The loss contract. A loss computes one value per sample; `call` reduces them with optional
 * sample weights to the scalar that training minimises ("sum over batch size", Keras's default).
 */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { reduceWeighted, type Reduction } from './reduction.js';

export type { Reduction } from './reduction.js';

/** Options every loss accepts (Keras names). */
export interface LossConfig {
  /** Name shown in logs and serialisation; defaults to the loss's camelCase name. */
  name?: string;
  /** How `call` reduces the weighted per-sample values (default `'sumOverBatchSize'`). */
  reduction?: Reduction;
}

const REDUCTIONS: readonly Reduction[] = ['sumOverBatchSize', 'sum', 'none'];

/** A loss: per-sample values, then a weighted mean over the batch. */
export abstract class Loss {
  /** The camelCase name (`categoricalCrossentropy`), used in logs and serialisation. */
  abstract readonly name: string;
  /** The Keras class name (`CategoricalCrossentropy`), the key of `serializeLoss`. */
  readonly className: string = 'Loss';
  /** How `call` reduces; see `Reduction`. */
  readonly reduction: Reduction;

  constructor(config: LossConfig = {}) {
    const reduction = config.reduction ?? 'sumOverBatchSize';
    if (!REDUCTIONS.includes(reduction)) {
      const known = REDUCTIONS.join(', ');
      throw new NablaError('Loss', `unknown reduction '${String(reduction)}' (known: ${known})`);
    }
    this.reduction = reduction;
  }

  /** Per-sample losses: `[batch, …] → [batch]` (or `[batch, …]` for sequence outputs). */
  abstract compute(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The scalar loss: per-sample values times `sampleWeight` (if given: a scalar, `[batch]`,
   * `[batch, 1]` or the per-sample shape), summed and divided by the number of values, as
   * Keras's `sum_over_batch_size`. With `reduction: 'sum'` the division is skipped; with
   * `'none'` the weighted per-sample values are returned.
   */
  call(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): Tensor {
    const perSample = this.compute(yTrue, yPred);
    return reduceWeighted(this.name, perSample, sampleWeight ?? null, this.reduction);
  }

  /** Serialisable options, with Keras's keys in camelCase (`fromLogits`, `labelSmoothing`). */
  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

/** A plain function `(yTrue, yPred) → per-sample loss` can be used as a loss too. */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
