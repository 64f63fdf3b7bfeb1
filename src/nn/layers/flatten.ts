import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `Flatten`. */
export interface FlattenConfig extends LayerConfig {
  /**
   * `'channelsLast'` (default) flattens in the stored order; `'channelsFirst'` inputs are first
   * moved to channels-last, so the features come out in the same order as Keras's.
   */
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/**
 * Flattens every dimension but the batch.
 *
 * Shapes: `[batch, d1, …, dn] → [batch, d1·…·dn]` (`[batch] → [batch, 1]`).
 *
 * @example nb.layers.flatten()
 */
export class Flatten extends Layer {
  readonly className = 'Flatten';
  readonly dataFormat: 'channelsLast' | 'channelsFirst';

  constructor(config: FlattenConfig = {}) {
    super(config);
    this.dataFormat = config.dataFormat ?? 'channelsLast';
    if (this.dataFormat !== 'channelsLast' && this.dataFormat !== 'channelsFirst') {
      throw new NablaError(
        'flatten',
        `dataFormat must be 'channelsLast' or 'channelsFirst', got '${config.dataFormat}'`,
      );
    }
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (inputShape.length < 1 || Array.isArray(inputShape[0])) {
      throw new NablaError(
        this.name,
        `expects one input with a batch dimension, got ${JSON.stringify(inputShape)}`,
      );
    }
  }

  call(inputs: Tensors): Tensor {
    let x = inputs as Tensor;
    if (this.dataFormat === 'channelsFirst' && x.rank > 2) {
      x = x.transpose([0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
    }
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    return x.reshape([x.shape[0]!, features]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    const rest = shape.slice(1);
    const known = rest.every((d) => d !== null);
    return [shape[0]!, known ? (rest as number[]).reduce((a, b) => a * b, 1) : null];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

/** Creates a `Flatten` layer. */
export function flatten(config: FlattenConfig = {}): Flatten {
  return new Flatten(config);
}
