import { NablaError, fmtShape } from '../../core/errors.js';
import { matmul, type Tensor } from '../../tensor/index.js';
import { activationName, getActivation, type ActivationFn, type ActivationName } from '../activations.js';
import { getInitializer, serializeInitializer, type InitializerIdentifier } from '../initializers/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
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
  private readonly activationFn: ActivationFn;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(private readonly config: DenseConfig) {
    super(config);
    if (!Number.isInteger(config.units) || config.units <= 0) {
      throw new NablaError('dense', `units must be a positive integer, got ${config.units}`);
    }
    this.units = config.units;
    this.useBias = config.useBias ?? true;
    this.activationFn = getActivation(config.activation);
  }

  override build(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    const inDim = shape[shape.length - 1];
    if (typeof inDim !== 'number') {
      throw new NablaError(this.name, `the last input dimension must be known, got ${fmtShape(shape.map((d) => d ?? -1))}`);
    }
    this.kernel = this.addWeight('kernel', [inDim, this.units], {
      initializer: getInitializer(this.config.kernelInitializer ?? 'glorotUniform'),
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], {
        initializer: getInitializer(this.config.biasInitializer ?? 'zeros'),
      });
    }
    this.built = true;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    const shape = inputShape as LayerShape;
    if (shape.length < 1 || Array.isArray(shape[0])) {
      throw new NablaError(this.name, `expects one input of rank ≥ 1, got ${JSON.stringify(inputShape)}`);
    }
    const expected = this.kernel?.shape[0];
    const got = shape[shape.length - 1];
    if (expected !== undefined && got !== null && got !== expected) {
      throw new NablaError(this.name, `expected input last dimension ${expected}, got shape ${fmtShape(shape.map((d) => d ?? -1))}`);
    }
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    const linear = matmul(x, this.kernel!);
    return this.activationFn(this.bias ? linear.add(this.bias) : linear);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activationName(this.config.activation),
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(getInitializer(this.config.kernelInitializer ?? 'glorotUniform')),
      biasInitializer: serializeInitializer(getInitializer(this.config.biasInitializer ?? 'zeros')),
    };
  }
}

/** Creates a `Dense` layer. */
export function dense(config: DenseConfig): Dense {
  return new Dense(config);
}
