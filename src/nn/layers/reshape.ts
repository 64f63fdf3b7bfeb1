import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `Reshape`. */
export interface ReshapeConfig extends LayerConfig {
  /** The new shape of one sample (batch excluded); one dimension may be −1, inferred. */
  targetShape: readonly number[];
}

/**
 * Reshapes each sample to `targetShape`.
 *
 * Shapes: `[batch, …] → [batch, …targetShape]`, with the −1 resolved from the sample size.
 *
 * @example nb.layers.reshape({ targetShape: [28, 28, 1] })
 */
export class Reshape extends Layer {
  readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(config: ReshapeConfig) {
    super(config);
    const target = [...(config.targetShape ?? [])];
    const unknown = target.filter((d) => d === -1).length;
    if (
      !config.targetShape ||
      unknown > 1 ||
      target.some((d) => d !== -1 && !(Number.isInteger(d) && d > 0))
    ) {
      throw new NablaError(
        'reshape',
        `targetShape must hold positive integers and at most one -1, got [${target.join(', ')}]`,
      );
    }
    this.targetShape = target;
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    return x.reshape([x.shape[0]!, ...(this.resolve(x.shape.slice(1)) as number[])]);
  }

  /** The target shape with its −1 resolved for a sample of `sampleShape` (null if unknown). */
  private resolve(sampleShape: LayerShape): (number | null)[] {
    const size = sampleShape.every((d) => d !== null)
      ? (sampleShape as number[]).reduce((a, b) => a * b, 1)
      : null;
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const hasUnknown = this.targetShape.includes(-1);
    if (size !== null && (hasUnknown ? size % known !== 0 : size !== known)) {
      throw new NablaError(
        this.name,
        `cannot reshape a sample of shape [${sampleShape.join(', ')}] to [${this.targetShape}]`,
      );
    }
    const inferred = size === null ? null : size / known;
    return this.targetShape.map((d) => (d === -1 ? inferred : d));
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shape = inputShape as LayerShape;
    return [shape[0]!, ...this.resolve(shape.slice(1))];
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (inputShape.length < 1 || Array.isArray(inputShape[0])) {
      throw new NablaError(
        this.name,
        `expects one input with a batch dimension, got ${JSON.stringify(inputShape)}`,
      );
    }
    this.resolve((inputShape as LayerShape).slice(1));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

/** Creates a `Reshape` layer. */
export function reshape(config: ReshapeConfig): Reshape {
  return new Reshape(config);
}
