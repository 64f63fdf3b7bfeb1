import { NablaError } from '../../core/errors.js';
import { logSumExp, softmax as softmaxOp, type Tensor } from '../../tensor/index.js';
import { Layer, type CallOptions, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `Softmax`. */
export interface SoftmaxConfig extends LayerConfig {
  /** The axis (or axes) normalised over (default −1). */
  axis?: number | number[];
}

// Added to masked-out logits: exp of it is 0 in float32 and float64.
const LARGE_NEGATIVE = -1e9;

/**
 * Softmax over `axis`: `exp(xᵢ) / Σⱼ exp(xⱼ)`. With a boolean `mask` in the call options
 * (broadcastable to the input, or of lower rank: a sequence mask `[batch, time]` then covers
 * whole time steps), masked-out positions get probability 0.
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.softmax({ axis: -1 })
 */
export class Softmax extends Layer {
  readonly className = 'Softmax';
  override supportsMasking = true;
  readonly axis: number | number[];

  constructor(config: SoftmaxConfig = {}) {
    super(config);
    const axis = config.axis ?? -1;
    const list = Array.isArray(axis) ? axis : [axis];
    if (list.length === 0 || !list.every(Number.isInteger)) {
      throw new NablaError(
        'softmax',
        `axis must be an integer or a non-empty list of integers, got ${JSON.stringify(axis)}`,
      );
    }
    this.axis = Array.isArray(axis) ? [...axis] : axis;
  }

  call(inputs: Tensors, options: CallOptions = {}): Tensor {
    let x = inputs as Tensor;
    let mask = options.mask ? options.mask.cast(x.dtype) : null;
    // A sequence mask [batch, time] on [batch, time, units] masks whole time steps.
    while (mask && mask.rank < x.rank) mask = mask.expandDims(-1);
    if (mask) x = x.add(mask.sub(1).mul(-LARGE_NEGATIVE));
    const axes = Array.isArray(this.axis) ? this.axis : [this.axis];
    const out = axes.length === 1 ? softmaxOp(x, axes[0]) : x.sub(logSumExp(x, axes, true)).exp();
    // A row masked out entirely would otherwise come out uniform.
    return mask ? out.mul(mask) : out;
  }

  override getConfig(): Record<string, unknown> {
    const axis = Array.isArray(this.axis) ? [...this.axis] : this.axis;
    return { ...super.getConfig(), axis };
  }
}

/** Creates a `Softmax` layer. */
export function softmax(config: SoftmaxConfig = {}): Softmax {
  return new Softmax(config);
}
