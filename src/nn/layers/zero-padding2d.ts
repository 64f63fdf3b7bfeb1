import { NablaError } from '../../core/errors.js';
import { pad, type Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { checkDataFormat, checkSpatialInput } from './conv-base.js';

/** Rows/columns added on each side: `[[top, bottom], [left, right]]`. */
export type Padding2D = [[number, number], [number, number]];

/** Configuration of `ZeroPadding2D`. */
export interface ZeroPadding2DConfig extends LayerConfig {
  /**
   * One number for every side, `[vertical, horizontal]` (each applied to both of its sides), or
   * `[[top, bottom], [left, right]]` (default 1).
   */
  padding?: number | readonly [number, number] | readonly (readonly [number, number])[];
  /** Only channels-last is supported. */
  dataFormat?: 'channelsLast';
}

function toPadding(given: ZeroPadding2DConfig['padding']): Padding2D {
  const value = given ?? 1;
  let pairs: number[][];
  if (typeof value === 'number') pairs = [[value, value], [value, value]];
  else if (value.length === 2 && value.every((v) => typeof v === 'number')) {
    const [h, w] = value as readonly [number, number];
    pairs = [[h, h], [w, w]];
  } else pairs = (value as readonly (readonly number[])[]).map((p) => [...p]);
  const isPair = (p: number[]): boolean =>
    p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0);
  if (pairs.length !== 2 || !pairs.every(isPair)) {
    const forms = 'n, [rows, cols] or [[top, bottom], [left, right]]';
    const got = JSON.stringify(given);
    const message = `padding must be non-negative integers as ${forms}, got ${got}`;
    throw new NablaError('zeroPadding2D', message);
  }
  return [[pairs[0]![0]!, pairs[0]![1]!], [pairs[1]![0]!, pairs[1]![1]!]];
}

/**
 * Adds rows and columns of zeros around each image, e.g. to keep a border through a 'valid'
 * convolution.
 *
 * Shapes: `[batch, h, w, C] → [batch, top + h + bottom, left + w + right, C]`.
 *
 * @example nb.layers.zeroPadding2D({ padding: [[0, 1], [0, 1]] }) // a row below, a column right
 */
export class ZeroPadding2D extends Layer {
  readonly className: string = 'ZeroPadding2D';
  readonly padding: Padding2D;

  constructor(config: ZeroPadding2DConfig = {}) {
    super(config);
    checkDataFormat('zeroPadding2D', config.dataFormat);
    this.padding = toPadding(config.padding);
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    checkSpatialInput(this.name, inputShape, 2);
  }

  call(inputs: Tensors): Tensor {
    const [rows, cols] = this.padding;
    return pad(inputs as Tensor, [[0, 0], rows, cols, [0, 0]]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const [batch, h, w, c] = inputShape as LayerShape;
    const grow = (d: number | null | undefined, [a, b]: [number, number]): number | null =>
      d === null || d === undefined ? null : d + a + b;
    return [batch ?? null, grow(h, this.padding[0]), grow(w, this.padding[1]), c ?? null];
  }

  override getConfig(): Record<string, unknown> {
    const [rows, cols] = this.padding;
    return { ...super.getConfig(), padding: [[...rows], [...cols]], dataFormat: 'channelsLast' };
  }
}

/** Creates a `ZeroPadding2D` layer. */
export function zeroPadding2D(config: ZeroPadding2DConfig = {}): ZeroPadding2D {
  return new ZeroPadding2D(config);
}
