/**
 * What the max and average pooling layers share (Keras's `BasePooling`): the window options,
 * their validation and serialisation, and the output shape. Subclasses pick the reduction.
 */
import { NablaError } from '../../core/errors.js';
import {
  windowGeometry,
  type Pool1dOptions,
  type Pool2dOptions,
  type Tensor,
} from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { checkDataFormat, checkSpatialInput, toTuple } from './conv-base.js';

/** Options of the pooling layers (defaults as in Keras). */
export interface PoolingConfig extends LayerConfig {
  /** Window size: one number for every spatial axis, or one per axis (default 2). */
  poolSize?: number | readonly number[];
  /** Step between windows (default: the pool size, so windows do not overlap). */
  strides?: number | readonly number[] | null;
  /** `'valid'` (default) or `'same'` (output `ceil(in / stride)`, extra padding bottom/right). */
  padding?: 'valid' | 'same';
  /** Only channels-last is supported. */
  dataFormat?: 'channelsLast';
}

/** The shared base of MaxPooling1D/2D and AveragePooling1D/2D. */
export abstract class BasePooling extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';

  protected constructor(
    /** Number of spatial axes. */
    readonly rank: 1 | 2,
    op: string,
    config: PoolingConfig,
  ) {
    super(config);
    const padding = config.padding ?? 'valid';
    if (padding !== 'valid' && padding !== 'same') {
      throw new NablaError(op, `padding must be 'valid' or 'same', got '${String(padding)}'`);
    }
    checkDataFormat(op, config.dataFormat);
    this.poolSize = toTuple(op, 'poolSize', config.poolSize ?? 2, rank);
    const strides = config.strides ?? null;
    this.strides = strides === null ? [...this.poolSize] : toTuple(op, 'strides', strides, rank);
    this.padding = padding;
  }

  /** The pooling op on an input of this layer's rank. */
  protected abstract pool(x: Tensor): Tensor;

  /** The window options as the 2-D pooling ops take them. */
  protected get options2d(): Pool2dOptions {
    const [ph, pw] = this.poolSize as [number, number];
    const [sh, sw] = this.strides as [number, number];
    return { poolSize: [ph, pw], strides: [sh, sw], padding: this.padding };
  }

  /** The window options as the 1-D pooling ops take them. */
  protected get options1d(): Pool1dOptions {
    return { poolSize: this.poolSize[0]!, strides: this.strides[0]!, padding: this.padding };
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, this.rank);
  }

  call(inputs: Tensors): Tensor {
    return this.pool(inputs as Tensor);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    const spatial = shape.slice(1, -1).map((d, i) => {
      if (d === null) return null;
      return windowGeometry(d, this.poolSize[i]!, this.strides[i]!, 1, this.padding).out;
    });
    return [shape[0] ?? null, ...spatial, shape.at(-1) ?? null];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      poolSize: [...this.poolSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: 'channelsLast',
    };
  }
}
