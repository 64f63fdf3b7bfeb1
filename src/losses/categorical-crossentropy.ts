/** Categorical cross-entropy. */
import { normAxis } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { checkPrediction, shapeError } from './match-shapes.js';
import { checkSmoothing } from './binary-crossentropy.js';
import { probabilityCrossEntropy } from './probability-cross-entropy.js';
import { softmaxCrossEntropyWithLogits } from './cross-entropy-with-logits.js';

/** Options of `CategoricalCrossentropy`. */
export interface CategoricalCrossentropyConfig extends LossConfig {
  /** `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Mixes the one-hot targets with the uniform distribution: `y·(1 − s) + s/classes`. */
  labelSmoothing?: number;
  /** The class axis (default −1). */
  axis?: number;
}

/**
 * Cross-entropy of one-hot (or soft) targets against a distribution over classes:
 * `−Σ yTrue · ln yPred` along `axis`. Probabilities are first normalised to sum to 1 and clipped
 * to `[ε, 1 − ε]` (ε = 1e-7), as Keras, so a saturated softmax gives no NaN; that path is one
 * fused op. With `fromLogits` the loss goes through `logSoftmax` (see
 * `softmaxCrossEntropyWithLogits`). Integer labels belong to `sparseCategoricalCrossentropy`.
 *
 * Shapes: `[batch, …, classes]` (both) → `[batch, …]`.
 *
 * @example nb.losses.categoricalCrossentropy().call(nb.tensor([[0, 1]]), nb.tensor([[0.2, 0.8]]))
 */
export class CategoricalCrossentropy extends Loss {
  override readonly className = 'CategoricalCrossentropy';
  readonly name: string;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(config: CategoricalCrossentropyConfig = {}) {
    super(config);
    this.name = config.name ?? 'categoricalCrossentropy';
    this.fromLogits = config.fromLogits ?? false;
    this.labelSmoothing = checkSmoothing(this.name, config.labelSmoothing ?? 0);
    this.axis = config.axis ?? -1;
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    checkPrediction(this.name, yTrue, yPred);
    const same = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
    if (!same) {
      const labels = yTrue.rank === yPred.rank - 1 || yTrue.shape[yTrue.rank - 1] === 1;
      const hint = labels ? ' (integer class labels need sparseCategoricalCrossentropy)' : '';
      throw shapeError(this.name, yTrue, yPred, `must have the same shape${hint}`);
    }
    const axis = normAxis(this.name, this.axis, yPred.rank, yPred.shape);
    let t = yTrue.dtype === yPred.dtype ? yTrue : yTrue.cast(yPred.dtype);
    if (this.labelSmoothing > 0) {
      const classes = yPred.shape[axis]!;
      t = t.mul(1 - this.labelSmoothing).add(this.labelSmoothing / classes);
    }
    if (this.fromLogits) return softmaxCrossEntropyWithLogits(t, yPred, axis);
    return probabilityCrossEntropy(t, yPred, axis);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      fromLogits: this.fromLogits,
      labelSmoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }
}

/** Creates a `CategoricalCrossentropy` loss. */
export function categoricalCrossentropy(
  config?: CategoricalCrossentropyConfig,
): CategoricalCrossentropy {
  return new CategoricalCrossentropy(config);
}
