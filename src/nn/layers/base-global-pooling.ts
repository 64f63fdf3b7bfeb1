/**
 * What the global pooling layers share (Keras's `BaseGlobalPooling`): the reduction of every
 * spatial axis, `keepDims`, validation, output shape and config.
 */
import { Layer, type LayerConfig, type ShapeOrShapes } from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { checkDataFormat, checkSpatialInput } from './conv-base.js';

/** Options of the global pooling layers. */
export interface GlobalPoolingConfig extends LayerConfig {
  /** Keep the reduced axes with size 1 (default false). Keras spells it `keepdims`. */
  keepDims?: boolean;
  /** Only channels-last is supported. */
  dataFormat?: 'channelsLast';
}

/** The shared base of GlobalAveragePooling1D/2D and GlobalMaxPooling1D/2D. */
export abstract class BaseGlobalPooling extends Layer {
  readonly keepDims: boolean;

  protected constructor(
    /** Number of spatial axes. */
    readonly rank: 1 | 2,
    op: string,
    config: GlobalPoolingConfig,
  ) {
    super(config);
    checkDataFormat(op, config.dataFormat);
    this.keepDims = config.keepDims ?? false;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, this.rank);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    const channels = shape.at(-1) ?? null;
    const batch = shape[0] ?? null;
    if (!this.keepDims) return [batch, channels];
    return [batch, ...new Array<number>(this.rank).fill(1), channels];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: 'channelsLast', keepDims: this.keepDims };
  }
}
