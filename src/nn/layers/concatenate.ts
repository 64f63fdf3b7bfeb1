import { NablaError } from '../../core/errors.js';
import { concat, type Tensor } from '../../tensor/index.js';
import {
  isShapeList,
  Layer,
  type LayerConfig,
  type ShapeOrShapes,
  type Tensors,
} from '../layer.js';
import type { LayerShape } from '../symbolic.js';
import { mergeFactory } from './merge.js';

/** Configuration of `Concatenate`. */
export interface ConcatenateConfig extends LayerConfig {
  /** The axis to join along (default −1, the features). The batch axis 0 is not allowed. */
  axis?: number;
}

const show = (s: LayerShape): string => `[${s.map((d) => d ?? 'null').join(', ')}]`;

/**
 * Joins a list of inputs along `axis`; all other dimensions must match.
 *
 * Shapes: `[batch, …, aᵢ, …]` for each input → `[batch, …, Σaᵢ, …]`.
 *
 * @example const merged = nb.layers.concatenate([left, right]);
 */
export class Concatenate extends Layer {
  readonly className = 'Concatenate';
  override supportsMasking = true;
  readonly axis: number;

  constructor(config: ConcatenateConfig = {}) {
    super(config);
    this.axis = config.axis ?? -1;
    if (!Number.isInteger(this.axis))
      throw new NablaError('concatenate', `axis must be an integer, got ${config.axis}`);
  }

  private normAxis(rank: number): number {
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (axis <= 0 || axis >= rank) {
      throw new NablaError(
        this.name,
        `axis ${this.axis} is out of range for rank ${rank} (the batch axis cannot be joined)`,
      );
    }
    return axis;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape)) {
      throw new NablaError(
        this.name,
        `expects a list of inputs, got one of shape ${show(inputShape)}`,
      );
    }
    const rank = inputShape[0]!.length;
    if (inputShape.some((s) => s.length !== rank)) {
      throw new NablaError(
        this.name,
        `inputs must have the same rank, got ${inputShape.map(show).join(', ')}`,
      );
    }
    const axis = this.normAxis(rank);
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      const sizes = new Set(inputShape.map((s) => s[i]).filter((d) => d !== null));
      if (sizes.size > 1) {
        throw new NablaError(
          this.name,
          `shapes differ outside axis ${this.axis}: ${inputShape.map(show).join(', ')}`,
        );
      }
    }
  }

  call(inputs: Tensors): Tensor {
    const list = inputs as Tensor[];
    return concat(list, this.normAxis(list[0]!.rank));
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shapes = inputShape as LayerShape[];
    const rank = shapes[0]!.length;
    const axis = this.normAxis(rank);
    return Array.from({ length: rank }, (_, i) => {
      const dims = shapes.map((s) => s[i]!);
      if (i === axis)
        return dims.some((d) => d === null) ? null : (dims as number[]).reduce((a, b) => a + b, 0);
      return dims.find((d) => d !== null) ?? null;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a `Concatenate` layer, or with a list of inputs applies one to them. */
export const concatenate = mergeFactory((config: ConcatenateConfig) => new Concatenate(config));
