/** Sparse categorical cross-entropy. */
import { NablaError, fmtShape } from '../core/errors.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { Loss, type LossConfig } from './loss.js';
import { checkPrediction, shapeError } from './match-shapes.js';
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
    const outer = yPred.shape.slice(0, -1);
    const column = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1;
    const labelShape = column ? yTrue.shape.slice(0, -1) : yTrue.shape;
    const fits = labelShape.length === outer.length && labelShape.every((d, i) => d === outer[i]);
    if (!fits) {
      const expected = `${fmtShape(outer)} or ${fmtShape([...outer, 1])}`;
      throw shapeError(this.name, yTrue, yPred, `do not fit: labels must be ${expected}`);
    }
    const classes = yPred.shape[yPred.rank - 1]!;
    const labels = yTrue.dataSync();
    const size = yPred.size;
    const data = yPred.dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
        const where = `(yTrue ${fmtShape(yTrue.shape)}, yPred ${fmtShape(yPred.shape)})`;
        const problem = `label ${label} at index ${i} is out of range for ${classes} classes`;
        throw new NablaError(this.name, `${problem} ${where}`);
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
