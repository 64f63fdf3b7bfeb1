/** Sparse categorical cross-entropy. */
import { NablaError, fmtShape } from '../core/errors.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { checkPrediction } from './match-shapes.js';
import { probabilityCrossEntropy } from './probability-cross-entropy.js';
import { softmaxCrossEntropyWithLogits } from './cross-entropy-with-logits.js';

/** Options of `SparseCategoricalCrossentropy`. */
export interface SparseCategoricalCrossentropyConfig extends LossConfig {
  /** `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
}

/**
 * Categorical cross-entropy with integer class labels: `−ln yPred[label]`, with the same
 * normalisation and clipping (ε = 1e-7) as `categoricalCrossentropy`, or `−logSoftmax(x)[label]`
 * with `fromLogits`. Labels outside `[0, classes)` or not integers are an error.
 *
 * Shapes: yTrue `[batch, …]` or `[batch, …, 1]`, yPred `[batch, …, classes]` → `[batch, …]`.
 *
 * @example nb.losses.sparseCategoricalCrossentropy().call(nb.tensor([1]), nb.tensor([[0.2, 0.8]]))
 */
export class SparseCategoricalCrossentropy extends Loss {
  override readonly className = 'SparseCategoricalCrossentropy';
  readonly name: string;
  readonly fromLogits: boolean;

  constructor(config: SparseCategoricalCrossentropyConfig = {}) {
    super(config);
    this.name = config.name ?? 'sparseCategoricalCrossentropy';
    this.fromLogits = config.fromLogits ?? false;
  }

  compute(yTrue: Tensor, yPred: Tensor): Tensor {
    const oneHot = this.oneHotLabels(yTrue, yPred);
    if (this.fromLogits) return softmaxCrossEntropyWithLogits(oneHot, yPred);
    return probabilityCrossEntropy(oneHot, yPred);
  }

  /** Checks the labels against `yPred` and spreads them into one-hot rows of `yPred`'s dtype. */
  private oneHotLabels(yTrue: Tensor, yPred: Tensor): Tensor {
    checkPrediction(this.name, yTrue, yPred);
    const batchShape = yPred.shape.slice(0, -1);
    const labelShape = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1 ? yTrue.shape.slice(0, -1) : yTrue.shape;
    const fits = labelShape.length === batchShape.length && labelShape.every((d, i) => d === batchShape[i]);
    if (!fits) {
      throw new NablaError(this.name, `labels ${fmtShape(yTrue.shape)} do not match predictions ${fmtShape(yPred.shape)}: expected ${fmtShape(batchShape)} or ${fmtShape([...batchShape, 1])}`);
    }
    const classes = yPred.shape[yPred.rank - 1]!;
    const labels = yTrue.dataSync();
    const data = yPred.dtype === 'float64' ? new Float64Array(yPred.size) : new Float32Array(yPred.size);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
        throw new NablaError(this.name, `label ${label} at index ${i} is out of range for ${classes} classes (yTrue ${fmtShape(yTrue.shape)}, yPred ${fmtShape(yPred.shape)})`);
      }
      data[i * classes + label] = 1;
    }
    return tensor(data, { shape: yPred.shape, dtype: yPred.dtype });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fromLogits: this.fromLogits };
  }
}

/** Creates a `SparseCategoricalCrossentropy` loss. */
export function sparseCategoricalCrossentropy(
  config?: SparseCategoricalCrossentropyConfig,
): SparseCategoricalCrossentropy {
  return new SparseCategoricalCrossentropy(config);
}
