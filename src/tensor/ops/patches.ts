/** Image patches (im2col) for convolution and pooling, channels-last, with the col2im adjoint. */
import { check, fmtShape } from '../../core/errors.js';
import type { PatchSpec } from '../../backend/backend.js';
import { Tensor } from '../tensor.js';
import { assertTensor, empty } from './util.js';

/** Window geometry along one spatial axis. */
export interface WindowOptions {
  kernelSize: readonly [number, number];
  strides?: readonly [number, number];
  dilation?: readonly [number, number];
  /** 'valid': no padding; 'same': output size ceil(in / stride), extra padding bottom/right. */
  padding?: 'valid' | 'same';
}

/** Output size and leading padding of one axis, as Keras computes them. */
export function windowGeometry(size: number, kernel: number, stride: number, dilation: number, padding: 'valid' | 'same'): { out: number; padBefore: number } {
  const effective = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { out: Math.max(0, Math.floor((size - effective) / stride) + 1), padBefore: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + effective - size);
  return { out, padBefore: Math.floor(total / 2) };
}

/** The full patch layout for a `[n, h, w, c]` input. */
export function patchSpec(op: string, shape: readonly number[], options: WindowOptions): PatchSpec {
  check(shape.length === 4, op, () => `expects a [batch, height, width, channels] input, got ${fmtShape(shape)}`);
  const [n, h, w, c] = shape as [number, number, number, number];
  const [kh, kw] = options.kernelSize;
  const [sh, sw] = options.strides ?? [1, 1];
  const [dh, dw] = options.dilation ?? [1, 1];
  for (const v of [kh, kw, sh, sw, dh, dw]) {
    check(Number.isInteger(v) && v > 0, op, () => `kernel size, strides and dilation must be positive integers`);
  }
  const padding = options.padding ?? 'valid';
  const rows = windowGeometry(h, kh, sh, dh, padding);
  const cols = windowGeometry(w, kw, sw, dw, padding);
  check(rows.out > 0 && cols.out > 0, op, () => `a ${kh}x${kw} window does not fit input ${fmtShape(shape)} with '${padding}' padding`);
  return {
    n, h, w, c, kh, kw,
    outH: rows.out,
    outW: cols.out,
    strideH: sh,
    strideW: sw,
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
    dilationH: dh,
    dilationW: dw,
  };
}

/**
 * Extracts sliding windows: `[n, h, w, c] → [n, outH, outW, kh·kw·c]`. Padding reads `padValue`
 * (0 for convolution, −∞ for max pooling). The gradient adds each window back (col2im).
 */
export function extractPatches(x: Tensor, spec: PatchSpec, padValue = 0): Tensor {
  assertTensor('extractPatches', x);
  const out = empty([spec.n, spec.outH, spec.outW, spec.kh * spec.kw * spec.c], x.dtype, x.backend);
  x.backend.im2col(x.storage.buffer, spec, padValue, out.storage.buffer);
  return Tensor.attach(out, 'extractPatches', [x], (g) => {
    const gx = empty(x.shape, g.dtype, g.backend);
    g.backend.col2im(g.storage.buffer, spec, gx.storage.buffer);
    return [gx];
  });
}
