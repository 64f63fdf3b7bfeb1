import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `Permute`. */
export interface PermuteConfig extends LayerConfig {
  /** A permutation of `1..n` (1-based: the batch axis 0 stays first), e.g. `[2, 1]`. */
  dims: readonly number[];
}

/**
 * Permutes the non-batch axes: output axis `i` is input axis `dims[i − 1]`.
 *
 * Shapes: `[batch, d1, d2] → [batch, d2, d1]` for `dims: [2, 1]`.
 *
 * @example nb.layers.permute({ dims: [2, 1] })
 */
export class Permute extends Layer {
  readonly className = 'Permute';
  readonly dims: number[];

  constructor(config: PermuteConfig) {
    super(config);
    const dims = [...(config.dims ?? [])];
    const sorted = [...dims].sort((a, b) => a - b);
    if (dims.length === 0 || sorted.some((d, i) => d !== i + 1)) {
      throw new NablaError(
        'permute',
        `dims must be a permutation of 1..n, got [${dims.join(', ')}]`,
      );
    }
    this.dims = dims;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (Array.isArray(inputShape[0]) || inputShape.length !== this.dims.length + 1) {
      throw new NablaError(
        this.name,
        `dims [${this.dims}] need inputs of rank ${this.dims.length + 1}, got ${JSON.stringify(inputShape)}`,
      );
    }
  }

  call(inputs: Tensors): Tensor {
    return (inputs as Tensor).transpose([0, ...this.dims]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    return [shape[0]!, ...this.dims.map((d) => shape[d]!)];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}

/** Creates a `Permute` layer. */
export function permute(config: PermuteConfig): Permute {
  return new Permute(config);
}
