/**
 * What Conv1D, Conv2D and Conv2DTranspose share (Keras's `BaseConv`): the window options,
 * a kernel and an optional bias, the activation, and their configuration. Subclasses give the
 * kernel layout, the convolution itself and the output length of one spatial axis.
 */
import { NablaError, fmtShape } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
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

/** Options shared by the convolution layers (defaults as in Keras). */
export interface BaseConvConfig extends LayerConfig {
  /** Number of output channels. */
  filters: number;
  /** Window size: one number for every spatial axis, or one per axis. */
  kernelSize: number | readonly number[];
  /** Step between windows (default 1). */
  strides?: number | readonly number[];
  /** `'valid'` (default) or `'same'` (output `ceil(in / stride)`, extra padding bottom/right). */
  padding?: 'valid' | 'same';
  /** Only channels-last (`[batch, …spatial, channels]`) is supported. */
  dataFormat?: 'channelsLast';
  /** Spacing between kernel taps (default 1). */
  dilationRate?: number | readonly number[];
  /** Applied to the output (default linear). */
  activation?: ActivationName | ActivationFn;
  /** Whether to add a bias per filter (default true). */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** @internal Normalises a size option to one positive integer per spatial axis. */
export function toTuple(
  op: string,
  name: string,
  value: number | readonly number[],
  rank: number,
): number[] {
  const list = typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
  if (list.length !== rank || !list.every((v) => Number.isInteger(v) && v > 0)) {
    const got = JSON.stringify(value);
    throw new NablaError(op, `${name} must be a positive integer or ${rank} of them, got ${got}`);
  }
  return list;
}

/** @internal Refuses anything but channels-last, naming the layer. */
export function checkDataFormat(op: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'channelsLast') {
    throw new NablaError(op, `only dataFormat 'channelsLast' is supported, got '${dataFormat}'`);
  }
}

/** The shared base of the convolution layers. */
export abstract class BaseConv extends Layer {
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same' | 'causal';
  readonly dilationRate: number[];
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private readonly activation: ActivationName | ActivationFn | undefined;
  private readonly activationFn: ActivationFn;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;
  /** Input channels, known once built. */
  private channels: number | null = null;

  protected constructor(
    /** Number of spatial axes. */
    readonly rank: 1 | 2,
    op: string,
    config: Omit<BaseConvConfig, 'padding'> & { padding?: 'valid' | 'same' | 'causal' },
  ) {
    super(config);
    if (!Number.isInteger(config.filters) || config.filters <= 0) {
      throw new NablaError(op, `filters must be a positive integer, got ${config.filters}`);
    }
    const padding = config.padding ?? 'valid';
    if (padding !== 'valid' && padding !== 'same' && !(padding === 'causal' && rank === 1)) {
      const allowed = rank === 1 ? "'valid', 'same' or 'causal'" : "'valid' or 'same'";
      throw new NablaError(op, `padding must be ${allowed}, got '${String(config.padding)}'`);
    }
    checkDataFormat(op, config.dataFormat);
    this.filters = config.filters;
    this.kernelSize = toTuple(op, 'kernelSize', config.kernelSize, rank);
    this.strides = toTuple(op, 'strides', config.strides ?? 1, rank);
    this.dilationRate = toTuple(op, 'dilationRate', config.dilationRate ?? 1, rank);
    this.padding = padding;
    this.useBias = config.useBias ?? true;
    this.activation = config.activation;
    this.activationFn = getActivation(config.activation);
    this.kernelInitializer = getInitializer(config.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(config.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(config.kernelRegularizer);
    this.biasRegularizer = getRegularizer(config.biasRegularizer);
    this.kernelConstraint = getConstraint(config.kernelConstraint);
    this.biasConstraint = getConstraint(config.biasConstraint);
  }

  /** The kernel's shape for `channels` input channels. */
  protected abstract kernelShape(channels: number): number[];
  /** The convolution proper, without bias and activation. */
  protected abstract convolve(x: Tensor, kernel: Tensor): Tensor;
  /** The output length of spatial axis `axis` for an input of length `size`. */
  protected abstract outputLength(size: number, axis: number): number;

  override build(inputShape: ShapeOrShapes): void {
    const channels = (inputShape as LayerShape).at(-1);
    if (typeof channels !== 'number') {
      const got = describeShape(inputShape);
      throw new NablaError(this.name, `the channel dimension must be known, got ${got}`);
    }
    const kernelShape = this.kernelShape(channels);
    this.channels = channels;
    this.kernel = this.addWeight('kernel', kernelShape, {
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.filters], {
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.built = true;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, this.rank);
    const shape = inputShape as LayerShape;
    const expected = this.channels;
    const got = shape.at(-1);
    if (expected !== null && got !== null && got !== expected) {
      const message = `was built for ${expected} input channels, got ${describeShape(inputShape)}`;
      throw new NablaError(this.name, message);
    }
  }

  call(inputs: Tensors): Tensor {
    const y = this.convolve(inputs as Tensor, this.kernel!);
    return this.activationFn(this.bias ? y.add(this.bias) : y);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    const spatial = shape.slice(1, -1).map((d, i) => (d === null ? null : this.outputLength(d, i)));
    return [shape[0] ?? null, ...spatial, this.filters];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: 'channelsLast',
      dilationRate: [...this.dilationRate],
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

/** @internal Throws unless the input is one tensor with `rank` spatial axes, channels-last. */
export function checkSpatialInput(layer: string, inputShape: ShapeOrShapes, rank: 1 | 2): void {
  const shape = inputShape as LayerShape;
  if (shape.length !== rank + 2 || Array.isArray(shape[0])) {
    const got = describeShape(inputShape);
    throw new NablaError(layer, `expects one input ${layout(rank)}, got ${got}`);
  }
}

/** @internal The input layout of a layer with `rank` spatial axes, for error messages. */
export function layout(rank: 1 | 2): string {
  return rank === 2 ? '[batch, height, width, channels]' : '[batch, steps, channels]';
}

/** @internal A shape with unknown dimensions printed as -1, for error messages. */
export function describeShape(shape: ShapeOrShapes): string {
  if (shape.length > 0 && Array.isArray(shape[0])) return JSON.stringify(shape);
  return fmtShape((shape as LayerShape).map((d) => d ?? -1));
}
