import { NablaError } from '../../core/errors.js';
import { relu, type Tensor } from '../../tensor/index.js';
import {
  getConstraint,
  serializeConstraint,
  type Constraint,
  type ConstraintIdentifier,
} from '../constraints/index.js';
import {
  getInitializer,
  serializeInitializer,
  type Initializer,
  type InitializerIdentifier,
} from '../initializers/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import {
  getRegularizer,
  serializeRegularizer,
  type Regularizer,
  type RegularizerIdentifier,
} from '../regularizers/index.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `PReLU`. */
export interface PReLUConfig extends LayerConfig {
  /** Initial slopes (default `'zeros'`: the layer starts as a ReLU). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  /**
   * Axes (1-based, counting the batch as 0) along which one slope is shared, e.g. `[1, 2]` for
   * one slope per channel of `[batch, h, w, c]` images.
   */
  sharedAxes?: number | readonly number[] | null;
}

/**
 * Parametric ReLU (He et al., 2015): `x` for `x > 0`, `alpha · x` otherwise, with `alpha`
 * learned per element of the sample (or shared along `sharedAxes`).
 * Computed as `relu(x) − alpha · relu(−x)`, as Keras does.
 *
 * Shapes: unchanged; `alpha` is the sample shape with the shared axes set to 1.
 *
 * @example nb.layers.pReLU({ sharedAxes: [1, 2] })
 */
export class PReLU extends Layer {
  readonly className = 'PReLU';
  override supportsMasking = true;
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha: Tensor | null = null;

  constructor(config: PReLUConfig = {}) {
    super(config);
    this.alphaInitializer = getInitializer(config.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = getRegularizer(config.alphaRegularizer);
    this.alphaConstraint = getConstraint(config.alphaConstraint);
    const shared = config.sharedAxes;
    this.sharedAxes =
      shared === null || shared === undefined
        ? null
        : typeof shared === 'number'
          ? [shared]
          : [...shared];
    if (this.sharedAxes?.some((a) => !(Number.isInteger(a) && a >= 1))) {
      throw new NablaError(
        'pReLU',
        `sharedAxes must be axes ≥ 1, got [${this.sharedAxes.join(', ')}]`,
      );
    }
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    const alphaShape = shape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    for (const a of this.sharedAxes ?? []) {
      if (a >= shape.length)
        throw new NablaError(
          this.name,
          `shared axis ${a} is out of range for inputs of rank ${shape.length}`,
        );
    }
    if (alphaShape.some((d) => d === null)) {
      throw new NablaError(
        this.name,
        `non-shared sample dimensions must be known, got ${JSON.stringify(shape)}`,
      );
    }
    this.alpha = this.addWeight('alpha', alphaShape as number[], {
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer,
      constraint: this.alphaConstraint,
    });
    this.built = true;
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    return relu(x).sub(this.alpha!.mul(relu(x.neg())));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alphaInitializer: serializeInitializer(this.alphaInitializer),
      alphaRegularizer: serializeRegularizer(this.alphaRegularizer),
      alphaConstraint: serializeConstraint(this.alphaConstraint),
      sharedAxes: this.sharedAxes ? [...this.sharedAxes] : null,
    };
  }
}

/** Creates a `PReLU` layer. */
export function pReLU(config: PReLUConfig = {}): PReLU {
  return new PReLU(config);
}
