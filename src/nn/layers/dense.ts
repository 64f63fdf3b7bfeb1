import { NablaError, fmtShape } from '../../core/errors.js';
import { denseForward, matmul, type Tensor } from '../../tensor/index.js';
import {
  activationName,
  getActivation,
  type ActivationFn,
  type ActivationName,
} from '../activations.js';
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

/** Configuration of `Dense`. */
export interface DenseConfig extends LayerConfig {
  /** Output dimension. */
  units: number;
  /** Applied to the output (default none, i.e. linear). */
  activation?: ActivationName | ActivationFn;
  /** Whether to add a bias vector (default true). */
  useBias?: boolean;
  /** Default `'glorotUniform'`, as in Keras. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Penalty on the kernel, added to the loss (default none). */
  kernelRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the bias (default none). */
  biasRegularizer?: RegularizerIdentifier | null;
  /** Projection of the kernel after each optimizer step (default none). */
  kernelConstraint?: ConstraintIdentifier | null;
  /** Projection of the bias after each optimizer step (default none). */
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * A fully connected layer, the article's artificial neuron in bulk:
 * `output = activation(input @ kernel + bias)`.
 *
 * Shapes: `[batch, …, inDim] → [batch, …, units]`; kernel `[inDim, units]`, bias `[units]`.
 *
 * @example nb.layers.dense({ units: 64, activation: 'relu', inputShape: [784] })
 */
export class Dense extends Layer {
  readonly className = 'Dense';
  readonly units: number;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private readonly activation: ActivationName | ActivationFn | undefined;
  private readonly activationFn: ActivationFn;
  /** The activation when the fused dense op applies it itself (linear or ReLU), else null. */
  private readonly fusedActivation: 'linear' | 'relu' | null;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(config: DenseConfig) {
    super(config);
    if (!Number.isInteger(config.units) || config.units <= 0) {
      throw new NablaError('dense', `units must be a positive integer, got ${config.units}`);
    }
    this.units = config.units;
    this.useBias = config.useBias ?? true;
    this.activation = config.activation;
    this.activationFn = getActivation(config.activation);
    const name = typeof config.activation === 'function' ? null : activationName(config.activation);
    this.fusedActivation = name === 'relu' || name === 'linear' ? name : null;
    this.kernelInitializer = getInitializer(config.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(config.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(config.kernelRegularizer);
    this.biasRegularizer = getRegularizer(config.biasRegularizer);
    this.kernelConstraint = getConstraint(config.kernelConstraint);
    this.biasConstraint = getConstraint(config.biasConstraint);
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    const inDim = shape[shape.length - 1];
    if (typeof inDim !== 'number') {
      throw new NablaError(
        this.name,
        `the last input dimension must be known, got ${fmtShape(shape.map((d) => d ?? -1))}`,
      );
    }
    this.kernel = this.addWeight('kernel', [inDim, this.units], {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], {
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.built = true;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    if (shape.length < 1 || Array.isArray(shape[0])) {
      throw new NablaError(
        this.name,
        `expects one input of rank ≥ 1, got ${JSON.stringify(inputShape)}`,
      );
    }
    const expected = this.kernel?.shape[0];
    const got = shape[shape.length - 1];
    if (expected !== undefined && got !== null && got !== expected) {
      throw new NablaError(
        this.name,
        `expected input last dimension ${expected}, got shape ${JSON.stringify(shape)}`,
      );
    }
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    if (!this.bias || x.rank < 2) {
      const linear = matmul(x, this.kernel!);
      return this.activationFn(this.bias ? linear.add(this.bias) : linear);
    }
    // One fused op for the bias and a linear or ReLU activation; others are applied after it.
    if (this.fusedActivation) return denseForward(x, this.kernel!, this.bias, this.fusedActivation);
    return this.activationFn(denseForward(x, this.kernel!, this.bias, 'linear'));
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activationName(this.activation),
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      kernelRegularizer: serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      kernelConstraint: serializeConstraint(this.kernelConstraint),
      biasConstraint: serializeConstraint(this.biasConstraint),
    };
  }
}

/** Creates a `Dense` layer. */
export function dense(config: DenseConfig): Dense {
  return new Dense(config);
}
