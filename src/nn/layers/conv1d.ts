import { NablaError } from '../../core/errors.js';
import { conv1d, windowGeometry, type Tensor } from '../../tensor/index.js';
import { BaseConv, type BaseConvConfig } from './conv-base.js';

/** Configuration of `Conv1D`. */
export interface Conv1DConfig extends Omit<BaseConvConfig, 'padding'> {
  /**
   * `'valid'` (default), `'same'`, or `'causal'`: zeros are added at the start only, so the
   * output at step t sees inputs up to t (for sequence models).
   */
  padding?: 'valid' | 'same' | 'causal';
  /** Split input and output channels into this many groups (default 1). */
  groups?: number;
}

/**
 * 1-D convolution over sequences, channels-last:
 * `output = activation(conv1d(input, kernel) + bias)`.
 *
 * Shapes: `[batch, steps, C] → [batch, outSteps, filters]`; kernel `[k, C / groups, filters]`,
 * bias `[filters]`.
 *
 * @example nb.layers.conv1D({ filters: 16, kernelSize: 5, padding: 'causal', dilationRate: 2 })
 */
export class Conv1D extends BaseConv {
  readonly className: string = 'Conv1D';
  readonly groups: number;

  constructor(config: Conv1DConfig) {
    super(1, 'conv1D', config);
    const groups = config.groups ?? 1;
    if (!Number.isInteger(groups) || groups <= 0 || config.filters % groups !== 0) {
      const message = `groups must be a positive integer dividing filters (${config.filters})`;
      throw new NablaError('conv1D', `${message}, got ${groups}`);
    }
    this.groups = groups;
  }

  protected kernelShape(channels: number): number[] {
    if (channels % this.groups !== 0) {
      const message = `${channels} input channels do not split into ${this.groups} groups`;
      throw new NablaError(this.name, message);
    }
    return [this.kernelSize[0]!, channels / this.groups, this.filters];
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv1d(x, kernel, {
      strides: this.strides[0],
      padding: this.padding,
      dilation: this.dilationRate[0],
      groups: this.groups,
    });
  }

  protected outputLength(size: number): number {
    const [k, s, d] = [this.kernelSize[0]!, this.strides[0]!, this.dilationRate[0]!];
    if (this.padding === 'causal') return windowGeometry(size + d * (k - 1), k, s, d, 'valid').out;
    return windowGeometry(size, k, s, d, this.padding).out;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), groups: this.groups };
  }
}

/** Creates a `Conv1D` layer. */
export function conv1D(config: Conv1DConfig): Conv1D {
  return new Conv1D(config);
}
