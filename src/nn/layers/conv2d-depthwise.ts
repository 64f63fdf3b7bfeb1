import { NablaError } from '../../core/errors.js';
import { depthwiseConv2d, windowGeometry, type Tensor } from '../../tensor/index.js';
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
import { checkDataFormat, checkSpatialInput, describeShape, toTuple } from './conv-base.js';

/** Configuration of `DepthwiseConv2D` (defaults as in Keras). */
export interface DepthwiseConv2DConfig extends LayerConfig {
  /** Window size: one number or `[height, width]`. */
  kernelSize: number | readonly [number, number];
  /** Filters per input channel (default 1). */
  depthMultiplier?: number;
  strides?: number | readonly [number, number];
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same';
  dataFormat?: 'channelsLast';
  dilationRate?: number | readonly [number, number];
  activation?: ActivationName | ActivationFn;
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  depthwiseInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * Depthwise 2-D convolution: every input channel is convolved with its own `depthMultiplier`
 * filters and channels are never mixed (the first half of a separable convolution). Output
 * channel `c · depthMultiplier + j` comes from input channel `c`, as in Keras.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, C · depthMultiplier]`; kernel
 * `[kh, kw, C, depthMultiplier]`, bias `[C · depthMultiplier]`.
 *
 * @example nb.layers.depthwiseConv2D({ kernelSize: 3, padding: 'same' })
 */
export class DepthwiseConv2D extends Layer {
  readonly className: string = 'DepthwiseConv2D';
  readonly kernelSize: number[];
  readonly depthMultiplier: number;
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: number[];
  readonly useBias: boolean;
  readonly depthwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private readonly activation: ActivationName | ActivationFn | undefined;
  private readonly activationFn: ActivationFn;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(config: DepthwiseConv2DConfig) {
    super(config);
    const op = 'depthwiseConv2D';
    const multiplier = config.depthMultiplier ?? 1;
    if (!Number.isInteger(multiplier) || multiplier <= 0) {
      throw new NablaError(op, `depthMultiplier must be a positive integer, got ${multiplier}`);
    }
    const padding = config.padding ?? 'valid';
    if (padding !== 'valid' && padding !== 'same') {
      throw new NablaError(op, `padding must be 'valid' or 'same', got '${String(padding)}'`);
    }
    checkDataFormat(op, config.dataFormat);
    this.kernelSize = toTuple(op, 'kernelSize', config.kernelSize, 2);
    this.depthMultiplier = multiplier;
    this.strides = toTuple(op, 'strides', config.strides ?? 1, 2);
    this.padding = padding;
    this.dilationRate = toTuple(op, 'dilationRate', config.dilationRate ?? 1, 2);
    this.useBias = config.useBias ?? true;
    this.activation = config.activation;
    this.activationFn = getActivation(config.activation);
    this.depthwiseInitializer = getInitializer(config.depthwiseInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(config.biasInitializer ?? 'zeros');
    this.depthwiseRegularizer = getRegularizer(config.depthwiseRegularizer);
    this.biasRegularizer = getRegularizer(config.biasRegularizer);
    this.depthwiseConstraint = getConstraint(config.depthwiseConstraint);
    this.biasConstraint = getConstraint(config.biasConstraint);
  }

  override build(inputShape: ShapeOrShapes): void {
    const channels = (inputShape as LayerShape).at(-1);
    if (typeof channels !== 'number') {
      const got = describeShape(inputShape);
      throw new NablaError(this.name, `the channel dimension must be known, got ${got}`);
    }
    this.kernel = this.addWeight('kernel', [...this.kernelSize, channels, this.depthMultiplier], {
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer,
      constraint: this.depthwiseConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [channels * this.depthMultiplier], {
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.built = true;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, 2);
    const shape = inputShape as LayerShape;
    const expected = this.kernel?.shape[2];
    const got = shape[3];
    if (expected !== undefined && got !== null && got !== expected) {
      const message = `was built for ${expected} input channels, got ${describeShape(inputShape)}`;
      throw new NablaError(this.name, message);
    }
  }

  call(inputs: Tensors): Tensor {
    const y = depthwiseConv2d(inputs as Tensor, this.kernel!, {
      strides: [this.strides[0]!, this.strides[1]!],
      padding: this.padding,
      dilation: [this.dilationRate[0]!, this.dilationRate[1]!],
    });
    return this.activationFn(this.bias ? y.add(this.bias) : y);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const [batch, h, w, c] = inputShape as LayerShape;
    const out = (size: number | null | undefined, axis: number): number | null => {
      if (size === null || size === undefined) return null;
      const [k, s, d] = [this.kernelSize[axis]!, this.strides[axis]!, this.dilationRate[axis]!];
      return windowGeometry(size, k, s, d, this.padding).out;
    };
    const channels = c === null || c === undefined ? null : c * this.depthMultiplier;
    return [batch ?? null, out(h, 0), out(w, 1), channels];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      kernelSize: [...this.kernelSize],
      depthMultiplier: this.depthMultiplier,
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: 'channelsLast',
      dilationRate: [...this.dilationRate],
      activation: activationName(this.activation),
      useBias: this.useBias,
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer),
      biasRegularizer: serializeRegularizer(this.biasRegularizer),
      depthwiseConstraint: serializeConstraint(this.depthwiseConstraint),
      biasConstraint: serializeConstraint(this.biasConstraint),
    };
  }
}

/** Creates a `DepthwiseConv2D` layer. */
export function depthwiseConv2D(config: DepthwiseConv2DConfig): DepthwiseConv2D {
  return new DepthwiseConv2D(config);
}
