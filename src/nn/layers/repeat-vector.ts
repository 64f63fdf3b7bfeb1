import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `RepeatVector`. */
export interface RepeatVectorConfig extends LayerConfig {
  /** Number of repetitions. */
  n: number;
}

/**
 * Repeats each input vector `n` times (e.g. to feed an encoding to every step of a decoder).
 *
 * Shapes: `[batch, features] → [batch, n, features]`.
 *
 * @example nb.layers.repeatVector({ n: 10 })
 */
export class RepeatVector extends Layer {
  readonly className = 'RepeatVector';
  readonly n: number;

  constructor(config: RepeatVectorConfig) {
    super(config);
    if (!(Number.isInteger(config.n) && config.n > 0)) {
      throw new NablaError('repeatVector', `n must be a positive integer, got ${config.n}`);
    }
    this.n = config.n;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (Array.isArray(inputShape[0]) || inputShape.length !== 2) {
      throw new NablaError(
        this.name,
        `expects inputs [batch, features], got ${JSON.stringify(inputShape)}`,
      );
    }
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    return x.expandDims(1).broadcastTo([x.shape[0]!, this.n, x.shape[1]!]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    return [shape[0]!, this.n, shape[1]!];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }
}

/** Creates a `RepeatVector` layer. */
export function repeatVector(config: RepeatVectorConfig): RepeatVector {
  return new RepeatVector(config);
}
