/** `'accuracy'`: binary, categorical or sparse, chosen as Keras's `compile` chooses. */
import type { Tensor } from '../tensor/index.js';
import { Metric, type MetricConfig, type MetricContext } from './metric.js';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';

/** Which accuracy `'accuracy'` stands for. */
export type AccuracyKind = 'binary' | 'categorical' | 'sparse';

// Losses named without case or underscores, as `getLoss` matches them.
const BY_LOSS: Record<string, AccuracyKind> = {
  binarycrossentropy: 'binary',
  hinge: 'binary',
  squaredhinge: 'binary',
  categoricalcrossentropy: 'categorical',
  categoricalhinge: 'categorical',
  sparsecategoricalcrossentropy: 'sparse',
};

/**
 * Which accuracy fits: by the loss first (binary for `binaryCrossentropy` and the hinge losses,
 * sparse for `sparseCategoricalCrossentropy`, categorical for `categoricalCrossentropy`), then
 * binary for a single output unit; `null` when only the data can tell.
 */
export function accuracyKindFromContext(context: MetricContext): AccuracyKind | null {
  const loss = context.lossName?.replaceAll('_', '').toLowerCase();
  if (loss !== undefined && BY_LOSS[loss]) return BY_LOSS[loss]!;
  const shape = context.outputShape;
  if (shape && shape.length > 0 && shape[shape.length - 1] === 1) return 'binary';
  return null;
}

/**
 * Keras 3's rule from the first batch's shapes: binary for one output unit, sparse when the
 * targets have lower rank or a last axis of 1 against several units, categorical otherwise.
 */
export function accuracyKindFromShapes(
  yTrue: readonly number[],
  yPred: readonly number[],
): AccuracyKind {
  const predLast = yPred[yPred.length - 1];
  const trueLast = yTrue[yTrue.length - 1];
  if (predLast === 1) return 'binary';
  if (yTrue.length < yPred.length || (trueLast === 1 && (predLast ?? 1) > 1)) return 'sparse';
  return 'categorical';
}

function create(kind: AccuracyKind, name: string): Metric {
  if (kind === 'binary') return new BinaryAccuracy({ name });
  if (kind === 'sparse') return new SparseCategoricalAccuracy({ name });
  return new CategoricalAccuracy({ name });
}

/**
 * The metric behind `metrics: ['accuracy']`. It becomes `BinaryAccuracy` (threshold 0.5),
 * `CategoricalAccuracy` or `SparseCategoricalAccuracy` from the compiled loss and output shape
 * (see `accuracyKindFromContext`), or, when those do not decide, from the first batch's shapes.
 * (Keras's `Accuracy` class, exact equality of values, is a different metric.)
 */
export class Accuracy extends Metric {
  override readonly className: string = 'Accuracy';
  readonly name: string;
  private inner: Metric | null = null;

  constructor(config: MetricConfig = {}, context: MetricContext = {}) {
    super();
    this.name = config.name ?? 'accuracy';
    const kind = accuracyKindFromContext(context);
    if (kind) this.inner = create(kind, this.name);
  }

  /** The accuracy chosen, or `null` before the first batch when the context did not decide. */
  get kind(): AccuracyKind | null {
    if (this.inner instanceof BinaryAccuracy) return 'binary';
    if (this.inner instanceof SparseCategoricalAccuracy) return 'sparse';
    if (this.inner instanceof CategoricalAccuracy) return 'categorical';
    return null;
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    this.inner ??= create(accuracyKindFromShapes(yTrue.shape, yPred.shape), this.name);
    this.inner.updateState(yTrue, yPred, sampleWeight);
  }

  result(): number {
    return this.inner ? this.inner.result() : 0;
  }

  resetState(): void {
    this.inner?.resetState();
  }
}
