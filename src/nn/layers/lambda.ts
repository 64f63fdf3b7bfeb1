import { NablaError } from '../../core/errors.js';
import { noGrad, tidy, zeros } from '../../tensor/index.js';
import {
  isShapeList,
  Layer,
  type LayerConfig,
  type ShapeOrShapes,
  type Tensors,
} from '../layer.js';

/** The function a `Lambda` layer wraps: its inputs (one tensor or a list) and `arguments`. */
export type LambdaFunction = (inputs: Tensors, args: Record<string, unknown>) => Tensors;

/** Configuration of `Lambda`. */
export interface LambdaConfig extends LayerConfig {
  /** The computation; it must be built from differentiable tensor ops to train through it. */
  function: LambdaFunction;
  /**
   * The output shape: a sample shape (batch excluded; the batch comes from the input), or a
   * function of the full input shape(s). Inferred by running `function` on zeros when omitted.
   */
  outputShape?: readonly (number | null)[] | ((inputShape: ShapeOrShapes) => ShapeOrShapes) | null;
  /** Extra keyword arguments passed to `function`. */
  arguments?: Record<string, unknown>;
}

/**
 * Wraps a function of tensors as a weightless layer, for a quick computation inside a model.
 *
 * Its config holds the function itself, so a model with a Lambda layer round-trips in memory
 * but cannot be written to a model file (Keras pickles bytecode; nabla does not run code from
 * files).
 *
 * Shapes: as `function` makes them.
 *
 * @example nb.layers.lambda({ function: (x) => (x as nb.Tensor).square() })
 */
export class Lambda extends Layer {
  readonly className = 'Lambda';
  readonly fn: LambdaFunction;
  readonly outputShape: LambdaConfig['outputShape'];
  readonly arguments: Record<string, unknown>;

  constructor(config: LambdaConfig) {
    super(config);
    if (typeof config.function !== 'function') {
      throw new NablaError('lambda', `function must be a function, got ${typeof config.function}`);
    }
    this.fn = config.function;
    this.outputShape = config.outputShape ?? null;
    this.arguments = { ...config.arguments };
  }

  call(inputs: Tensors): Tensors {
    return this.fn(inputs, this.arguments);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    if (typeof this.outputShape === 'function') return this.outputShape(inputShape);
    const first = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    if (this.outputShape) return [first[0] ?? null, ...this.outputShape];
    return this.inferShape(inputShape);
  }

  /**
   * Runs the function on zeros twice, unknown sizes set to 2 and then to 3: output dimensions
   * that follow them are unknown, the others are fixed.
   */
  private inferShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const probe = (fill: number): number[][] =>
      noGrad(() =>
        tidy(() => {
          const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
          const xs = shapes.map((s) =>
            zeros(
              s.map((d) => d ?? fill),
              { dtype: this.dtype },
            ),
          );
          const out = this.fn(isShapeList(inputShape) ? xs : xs[0]!, this.arguments);
          return (Array.isArray(out) ? out : [out]).map((t) => [...t.shape]);
        }),
      );
    const a = probe(2);
    const b = probe(3);
    const shapes = a.map((s, i) => s.map((d, j) => (d === b[i]![j] ? d : null)));
    return shapes.length === 1 ? shapes[0]! : shapes;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      function: this.fn,
      outputShape: this.outputShape,
      arguments: { ...this.arguments },
    };
  }
}

/** Creates a `Lambda` layer. */
export function lambda(config: LambdaConfig): Lambda {
  return new Lambda(config);
}
