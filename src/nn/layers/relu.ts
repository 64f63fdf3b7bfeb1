import { NablaError } from '../../core/errors.js';
import { where, type Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `ReLU`. */
export interface ReLUConfig extends LayerConfig {
  /** Upper bound of the output (default none; 6 gives ReLU6). */
  maxValue?: number | null;
  /** Slope below the threshold (default 0). */
  negativeSlope?: number;
  /** Inputs at or below it are "negative" (default 0). */
  threshold?: number;
}

/**
 * The rectified linear unit with Keras's options:
 * `f(x) = min(x, maxValue)` for `x > threshold`, `negativeSlope · (x − threshold)` otherwise.
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.reLU({ maxValue: 6 })
 */
export class ReLU extends Layer {
  readonly className = 'ReLU';
  override supportsMasking = true;
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(config: ReLUConfig = {}) {
    super(config);
    this.maxValue = config.maxValue ?? null;
    this.negativeSlope = config.negativeSlope ?? 0;
    this.threshold = config.threshold ?? 0;
    if (this.maxValue !== null && !(this.maxValue >= 0)) {
      throw new NablaError('reLU', `maxValue must be ≥ 0, got ${config.maxValue}`);
    }
    if (!(this.negativeSlope >= 0))
      throw new NablaError('reLU', `negativeSlope must be ≥ 0, got ${config.negativeSlope}`);
    if (!(this.threshold >= 0))
      throw new NablaError('reLU', `threshold must be ≥ 0, got ${config.threshold}`);
  }

  call(inputs: Tensors): Tensor {
    const x = inputs as Tensor;
    const above = this.maxValue === null ? x : x.minimum(this.maxValue);
    const below = this.negativeSlope === 0 ? 0 : x.sub(this.threshold).mul(this.negativeSlope);
    return where(x.gt(this.threshold), above, below);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}

/** Creates a `ReLU` layer. */
export function reLU(config: ReLUConfig = {}): ReLU {
  return new ReLU(config);
}
