import { NablaError } from '../../core/errors.js';
import { conv2d, windowGeometry, type Tensor } from '../../tensor/index.js';
import { BaseConv, type BaseConvConfig } from './conv-base.js';

/** Configuration of `Conv2D`. */
export interface Conv2DConfig extends BaseConvConfig {
  /** `kernelSize`, `strides` and `dilationRate` take one number or `[height, width]`. */
  kernelSize: number | readonly [number, number];
  /**
   * Split input and output channels into this many groups, each convolved on its own
   * (default 1). Both the input channels and `filters` must be divisible by it.
   */
  groups?: number;
}

/**
 * 2-D convolution over images, channels-last:
 * `output = activation(conv2d(input, kernel) + bias)`, computed as one im2col and one matrix
 * product per call. Unlike Keras, strides and dilation may be combined.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, filters]`; kernel
 * `[kh, kw, C / groups, filters]`, bias `[filters]`.
 *
 * @example
 * nb.layers.conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] })
 */
export class Conv2D extends BaseConv {
  readonly className: string = 'Conv2D';
  readonly groups: number;

  constructor(config: Conv2DConfig) {
    super(2, 'conv2D', config);
    const groups = config.groups ?? 1;
    if (!Number.isInteger(groups) || groups <= 0 || config.filters % groups !== 0) {
      const message = `groups must be a positive integer dividing filters (${config.filters})`;
      throw new NablaError('conv2D', `${message}, got ${groups}`);
    }
    this.groups = groups;
  }

  protected kernelShape(channels: number): number[] {
    if (channels % this.groups !== 0) {
      const message = `${channels} input channels do not split into ${this.groups} groups`;
      throw new NablaError(this.name, message);
    }
    return [...this.kernelSize, channels / this.groups, this.filters];
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv2d(x, kernel, {
      strides: [this.strides[0]!, this.strides[1]!],
      padding: this.padding as 'valid' | 'same',
      dilation: [this.dilationRate[0]!, this.dilationRate[1]!],
      groups: this.groups,
    });
  }

  protected outputLength(size: number, axis: number): number {
    const padding = this.padding as 'valid' | 'same';
    const [k, s, d] = [this.kernelSize[axis]!, this.strides[axis]!, this.dilationRate[axis]!];
    return windowGeometry(size, k, s, d, padding).out;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), groups: this.groups };
  }
}

/** Creates a `Conv2D` layer. */
export function conv2D(config: Conv2DConfig): Conv2D {
  return new Conv2D(config);
}
