import { NablaError } from '../../core/errors.js';
import { conv2dTranspose, convTransposeOutputLength, type Tensor } from '../../tensor/index.js';
import { BaseConv, type BaseConvConfig } from './conv-base.js';

/** Configuration of `Conv2DTranspose`. */
export interface Conv2DTransposeConfig extends BaseConvConfig {
  kernelSize: number | readonly [number, number];
  /**
   * Extra rows/columns at the bottom/right of the output, each smaller than its stride
   * (default none: the output size follows from the padding alone).
   */
  outputPadding?: number | readonly [number, number] | null;
}

/**
 * Transposed 2-D convolution (the gradient of a convolution with respect to its input), used to
 * upsample in decoders and generators: `'same'` with stride s multiplies height and width by s.
 *
 * Shapes: `[batch, h, w, C] → [batch, outH, outW, filters]`; kernel `[kh, kw, filters, C]`
 * (Keras's layout: output channels before input channels), bias `[filters]`.
 *
 * @example nb.layers.conv2DTranspose({ filters: 16, kernelSize: 3, strides: 2, padding: 'same' })
 */
export class Conv2DTranspose extends BaseConv {
  readonly className: string = 'Conv2DTranspose';
  readonly outputPadding: number[] | null;

  constructor(config: Conv2DTransposeConfig) {
    super(2, 'conv2DTranspose', config);
    const given = config.outputPadding;
    if (given === undefined || given === null) {
      this.outputPadding = null;
    } else {
      const list = typeof given === 'number' ? [given, given] : [...given];
      const fits = (v: number, i: number): boolean =>
        Number.isInteger(v) && v >= 0 && v < this.strides[i]!;
      if (list.length !== 2 || !list.every(fits)) {
        const strides = `[${this.strides.join(',')}]`;
        const message = `outputPadding must be non-negative, smaller than the strides ${strides}`;
        throw new NablaError('conv2DTranspose', `${message}, got ${JSON.stringify(given)}`);
      }
      this.outputPadding = list;
    }
  }

  protected kernelShape(channels: number): number[] {
    return [...this.kernelSize, this.filters, channels];
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv2dTranspose(x, kernel, {
      strides: [this.strides[0]!, this.strides[1]!],
      padding: this.padding as 'valid' | 'same',
      dilation: [this.dilationRate[0]!, this.dilationRate[1]!],
      outputPadding: this.outputPadding ? [this.outputPadding[0]!, this.outputPadding[1]!] : null,
    });
  }

  protected outputLength(size: number, axis: number): number {
    return convTransposeOutputLength(
      size,
      this.kernelSize[axis]!,
      this.strides[axis]!,
      this.dilationRate[axis]!,
      this.padding as 'valid' | 'same',
      this.outputPadding ? this.outputPadding[axis]! : null,
    );
  }

  override getConfig(): Record<string, unknown> {
    const outputPadding = this.outputPadding ? [...this.outputPadding] : null;
    return { ...super.getConfig(), outputPadding };
  }
}

/** Creates a `Conv2DTranspose` layer. */
export function conv2DTranspose(config: Conv2DTransposeConfig): Conv2DTranspose {
  return new Conv2DTranspose(config);
}
