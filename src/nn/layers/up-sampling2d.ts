import { NablaError } from '../../core/errors.js';
import { broadcastTo, reshape, type Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { checkDataFormat, checkSpatialInput, toTuple } from './conv-base.js';

/** Configuration of `UpSampling2D`. */
export interface UpSampling2DConfig extends LayerConfig {
  /** Repeats of each row and column: one number or `[rows, cols]` (default 2). */
  size?: number | readonly [number, number];
  /** Only `'nearest'` (the default) is supported. */
  interpolation?: 'nearest';
  /** Only channels-last is supported. */
  dataFormat?: 'channelsLast';
}

/**
 * Nearest-neighbour upsampling: each pixel becomes a `size[0] × size[1]` block of copies. The
 * gradient of a block is the sum of its gradients.
 *
 * Shapes: `[batch, h, w, C] → [batch, h · size[0], w · size[1], C]`.
 *
 * @example nb.layers.upSampling2D({ size: 2 }) // in a decoder, before a Conv2D
 */
export class UpSampling2D extends Layer {
  readonly className: string = 'UpSampling2D';
  readonly size: [number, number];

  constructor(config: UpSampling2DConfig = {}) {
    super(config);
    checkDataFormat('upSampling2D', config.dataFormat);
    const interpolation = config.interpolation ?? 'nearest';
    if (interpolation !== 'nearest') {
      const got = String(interpolation);
      const message = `only interpolation 'nearest' is supported, got '${got}'`;
      throw new NablaError('upSampling2D', message);
    }
    const [rows, cols] = toTuple('upSampling2D', 'size', config.size ?? 2, 2);
    this.size = [rows!, cols!];
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, 2);
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    const [n, h, w, c] = x.shape as [number, number, number, number];
    const [sh, sw] = this.size;
    // Seen as [n, h, 1, w, 1, c], upsampling is a broadcast to [n, h, sh, w, sw, c].
    const blocks = broadcastTo(reshape(x, [n, h, 1, w, 1, c]), [n, h, sh, w, sw, c]);
    return reshape(blocks, [n, h * sh, w * sw, c]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const [batch, h, w, c] = inputShape as LayerShape;
    const times = (d: number | null | undefined, k: number): number | null =>
      d === null || d === undefined ? null : d * k;
    return [batch ?? null, times(h, this.size[0]), times(w, this.size[1]), c ?? null];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      size: [...this.size],
      interpolation: 'nearest',
      dataFormat: 'channelsLast',
    };
  }
}

/** Creates an `UpSampling2D` layer. */
export function upSampling2D(config: UpSampling2DConfig = {}): UpSampling2D {
  return new UpSampling2D(config);
}
