import { NablaError } from '../../core/errors.js';
import { Random, randomFor } from '../../core/random.js';
import { tensor, where, type Tensor } from '../../tensor/index.js';
import { Layer, type CallOptions, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `Dropout`. */
export interface DropoutConfig extends LayerConfig {
  /** Fraction of the inputs to drop, in [0, 1]. */
  rate: number;
  /**
   * Shape of the keep/drop mask, broadcast over the input; `null` takes the input's size. E.g.
   * `[null, 1, null]` drops the same features at every time step of `[batch, time, features]`.
   */
  noiseShape?: readonly (number | null)[] | null;
  /** Seeds the layer's own generator: the sequence of masks is reproducible. */
  seed?: number | null;
}

/**
 * Inverted dropout: during training (`training: true`, as in `fit`) each element is zeroed with
 * probability `rate` and the survivors are scaled by `1 / (1 − rate)`, so the expected value is
 * unchanged and inference is the identity.
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.dropout({ rate: 0.2 })
 */
export class Dropout extends Layer {
  readonly className = 'Dropout';
  override supportsMasking = true;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | undefined;
  private readonly rng: Random | null;

  constructor(config: DropoutConfig) {
    super(config);
    if (!(config.rate >= 0 && config.rate <= 1)) {
      throw new NablaError('dropout', `rate must be in [0, 1], got ${config.rate}`);
    }
    this.rate = config.rate;
    this.noiseShape = config.noiseShape ? [...config.noiseShape] : null;
    this.seed = config.seed ?? undefined;
    this.rng = this.seed !== undefined ? new Random(this.seed) : null;
  }

  call(inputs: Tensors, options: CallOptions = {}): Tensor {
    const x = inputs as Tensor;
    if (!options.training || this.rate === 0) return x;
    const shape = this.maskShape(x.shape);
    const rng = this.rng ?? randomFor();
    const keep = new Int32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < keep.length; i++) keep[i] = rng.uniform() >= this.rate ? 1 : 0;
    const mask = tensor(keep, { shape, dtype: 'bool' });
    // With rate 1 nothing is kept; the division never reaches the output.
    return where(mask, this.rate === 1 ? x : x.div(1 - this.rate), 0);
  }

  private maskShape(inputShape: readonly number[]): number[] {
    if (!this.noiseShape) return [...inputShape];
    if (this.noiseShape.length !== inputShape.length) {
      throw new NablaError(
        this.name,
        `noiseShape [${this.noiseShape.join(', ')}] and input [${inputShape.join(', ')}] differ in rank`,
      );
    }
    return this.noiseShape.map((d, i) => d ?? inputShape[i]!);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape,
      seed: this.seed ?? null,
    };
  }
}

/** Creates a `Dropout` layer. */
export function dropout(config: DropoutConfig): Dropout {
  return new Dropout(config);
}
