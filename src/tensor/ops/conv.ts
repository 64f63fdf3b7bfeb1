/**
 * Convolutions, channels-last with Keras kernel layouts, built from image patches and matmul:
 * `conv2d` is im2col + one matrix product; `conv2dTranspose` is one product + col2im. Their
 * gradients come from the primitives they are made of (patches, matmul, reshape, transpose).
 */
import { check, fmtShape } from '../../core/errors.js';
import type { PatchSpec } from '../../backend/backend.js';
import { Tensor } from '../tensor.js';
import { matmul } from './matmul.js';
import { extractPatches, patchSpec } from './patches.js';
import { pad, reshape, transpose } from './shape.js';
import { assertTensor, empty } from './util.js';

/** One number for both spatial axes, or `[height, width]`. */
export type Size2 = number | readonly [number, number];

/** Options of `conv2d`. */
export interface Conv2dOptions {
  /** Step between windows (default 1). */
  strides?: Size2;
  /**
   * `'valid'` (default): no padding; `'same'`: output `ceil(in / stride)`, with the extra
   * padding row/column at the bottom/right.
   */
  padding?: 'valid' | 'same';
  /** Spacing between kernel taps (default 1). Unlike Keras, may be combined with strides. */
  dilation?: Size2;
  /** Input and output channels split into this many independent groups (default 1). */
  groups?: number;
}

/** Options of `conv1d`: as `conv2d` along one axis, plus `'causal'` padding. */
export interface Conv1dOptions {
  strides?: number;
  /** `'causal'` pads `dilation · (kernel − 1)` zeros at the start: no output sees the future. */
  padding?: 'valid' | 'same' | 'causal';
  dilation?: number;
  groups?: number;
}

/** Options of `conv2dTranspose`. */
export interface Conv2dTransposeOptions {
  strides?: Size2;
  padding?: 'valid' | 'same';
  dilation?: Size2;
  /** Extra rows/columns at the bottom/right of the output, each smaller than its stride. */
  outputPadding?: Size2 | null;
}

/** @internal Normalises a `Size2` option, checking it is a positive integer pair. */
export function toPair(
  op: string,
  name: string,
  value: Size2 | undefined,
  fallback: number,
): [number, number] {
  let pair: readonly number[] = [fallback, fallback];
  if (typeof value === 'number') pair = [value, value];
  else if (value !== undefined) pair = value;
  const valid = pair.length === 2 && pair.every((v) => Number.isInteger(v) && v > 0);
  check(valid, op, () =>
    `${name} must be a positive integer or a pair of them, got ${JSON.stringify(value)}`,
  );
  return [pair[0]!, pair[1]!];
}

/** Frees intermediates of a composite op when no graph was recorded (nothing else holds them). */
function releaseUnlessRecorded(result: Tensor, temps: readonly Tensor[]): Tensor {
  if (!result.node) for (const t of temps) if (t !== result) t.dispose();
  return result;
}

/**
 * 2-D convolution (cross-correlation, as in every framework), channels-last:
 * `out[n, i, j, o] = Σ_{a, b, c} x[n, i·s + a·d, j·s + b·d, c] · kernel[a, b, c, o]`.
 * With `groups = g`, the input channels split into `g` consecutive groups of `C/g`, and group `k`
 * alone feeds output channels `k·O/g … (k+1)·O/g − 1`.
 *
 * Shapes: x `[batch, h, w, C]`, kernel `[kh, kw, C / groups, O]` → `[batch, outH, outW, O]`.
 *
 * @example nb.conv2d(images, kernel, { strides: 2, padding: 'same' })
 */
export function conv2d(x: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  assertTensor('conv2d', x, 'x');
  assertTensor('conv2d', kernel, 'kernel');
  check(x.rank === 4, 'conv2d', () =>
    `x must be [batch, height, width, channels], got ${fmtShape(x.shape)}`,
  );
  check(kernel.rank === 4, 'conv2d', () =>
    `kernel must be [kh, kw, inChannels, outChannels], got ${fmtShape(kernel.shape)}`,
  );
  const [kh, kw, cg, cout] = kernel.shape as [number, number, number, number];
  const channels = x.shape[3]!;
  const groups = options.groups ?? 1;
  check(Number.isInteger(groups) && groups > 0 && cout % groups === 0, 'conv2d', () =>
    `groups must be a positive integer dividing the ${cout} output channels, got ${groups}`,
  );
  check(cg * groups === channels, 'conv2d', () =>
    `kernel ${fmtShape(kernel.shape)} with ${groups} group(s) expects ${cg * groups} input ` +
    `channels, got x ${fmtShape(x.shape)}`,
  );
  const spec = patchSpec('conv2d', x.shape, {
    kernelSize: [kh, kw],
    strides: toPair('conv2d', 'strides', options.strides, 1),
    dilation: toPair('conv2d', 'dilation', options.dilation, 1),
    padding: options.padding ?? 'valid',
  });
  const rows = spec.n * spec.outH * spec.outW;
  const patches = extractPatches(x, spec, 0);
  const temps: Tensor[] = [patches];
  const temp = <T extends Tensor>(t: T): T => {
    temps.push(t);
    return t;
  };
  let product: Tensor;
  if (groups === 1) {
    const depth = kh * kw * channels;
    product = matmul(temp(reshape(patches, [rows, depth])), temp(reshape(kernel, [depth, cout])));
  } else {
    // Patch columns are ordered (a, b, c); splitting c into (group, c / groups) and moving the
    // group to the front gives one batched product per group.
    const og = cout / groups;
    const split = temp(reshape(patches, [rows, kh * kw, groups, cg]));
    const cols = temp(reshape(temp(transpose(split, [2, 0, 1, 3])), [groups, rows, kh * kw * cg]));
    const weights = temp(transpose(temp(reshape(kernel, [kh * kw * cg, groups, og])), [1, 0, 2]));
    product = temp(transpose(temp(matmul(cols, weights)), [1, 0, 2]));
  }
  temps.push(product);
  return releaseUnlessRecorded(reshape(product, [spec.n, spec.outH, spec.outW, cout]), temps);
}

/**
 * 1-D convolution over `[batch, steps, channels]`, computed as `conv2d` with a unit height.
 *
 * Shapes: x `[batch, steps, C]`, kernel `[k, C / groups, O]` → `[batch, outSteps, O]`.
 */
export function conv1d(x: Tensor, kernel: Tensor, options: Conv1dOptions = {}): Tensor {
  assertTensor('conv1d', x, 'x');
  assertTensor('conv1d', kernel, 'kernel');
  check(x.rank === 3, 'conv1d', () =>
    `x must be [batch, steps, channels], got ${fmtShape(x.shape)}`,
  );
  check(kernel.rank === 3, 'conv1d', () =>
    `kernel must be [k, inChannels, outChannels], got ${fmtShape(kernel.shape)}`,
  );
  const dilation = options.dilation ?? 1;
  check(Number.isInteger(dilation) && dilation > 0, 'conv1d', () =>
    `dilation must be a positive integer, got ${dilation}`,
  );
  let input = x;
  let padding: 'valid' | 'same' = options.padding === 'same' ? 'same' : 'valid';
  if (options.padding === 'causal') {
    input = pad(x, [[0, 0], [dilation * (kernel.shape[0]! - 1), 0], [0, 0]]);
    padding = 'valid';
  } else {
    const known = options.padding === undefined || options.padding === padding;
    check(known, 'conv1d', () =>
      `padding must be 'valid', 'same' or 'causal', got '${String(options.padding)}'`,
    );
  }
  const [n, steps, c] = input.shape as [number, number, number];
  const image = reshape(input, [n, 1, steps, c]);
  const k2 = reshape(kernel, [1, ...kernel.shape]);
  const y = conv2d(image, k2, {
    strides: [1, options.strides ?? 1],
    dilation: [1, dilation],
    padding,
    groups: options.groups,
  });
  const temps = input === x ? [image, k2, y] : [input, image, k2, y];
  return releaseUnlessRecorded(reshape(y, [n, y.shape[2]!, y.shape[3]!]), temps);
}

/**
 * Depthwise 2-D convolution: each input channel `c` is convolved with its own `m` filters,
 * giving output channel `c·m + j` (Keras's order). Equivalent to `conv2d` with `groups = C`.
 *
 * Shapes: x `[batch, h, w, C]`, kernel `[kh, kw, C, m]` → `[batch, outH, outW, C·m]`.
 */
export function depthwiseConv2d(
  x: Tensor,
  kernel: Tensor,
  options: Omit<Conv2dOptions, 'groups'> = {},
): Tensor {
  assertTensor('depthwiseConv2d', x, 'x');
  assertTensor('depthwiseConv2d', kernel, 'kernel');
  const fits = kernel.rank === 4 && x.rank === 4 && kernel.shape[2] === x.shape[3];
  check(fits, 'depthwiseConv2d', () =>
    `expects x [batch, h, w, C] and kernel [kh, kw, C, multiplier], ` +
    `got ${fmtShape(x.shape)} and ${fmtShape(kernel.shape)}`,
  );
  const [kh, kw, c, m] = kernel.shape as [number, number, number, number];
  const grouped = reshape(kernel, [kh, kw, 1, c * m]);
  return releaseUnlessRecorded(conv2d(x, grouped, { ...options, groups: c }), [grouped]);
}

/**
 * The adjoint of im2col as a differentiable op ("fold"): adds every patch element back into
 * its pixel. Its gradient is im2col of the incoming gradient.
 *
 * Shapes: `[n, outH, outW, kh·kw·c] → [n, h, w, c]`, both given by `spec`.
 */
export function foldPatches(cols: Tensor, spec: PatchSpec): Tensor {
  assertTensor('foldPatches', cols);
  const expected = [spec.n, spec.outH, spec.outW, spec.kh * spec.kw * spec.c];
  check(cols.shape.join() === expected.join(), 'foldPatches', () =>
    `expects patches of shape ${fmtShape(expected)}, got ${fmtShape(cols.shape)}`,
  );
  const out = empty([spec.n, spec.h, spec.w, spec.c], cols.dtype, cols.backend);
  cols.backend.col2im(cols.storage.buffer, spec, out.storage.buffer);
  return Tensor.attach(out, 'foldPatches', [cols], (g) => {
    const gc = empty(cols.shape, g.dtype, g.backend);
    g.backend.im2col(g.storage.buffer, spec, 0, gc.storage.buffer);
    return [gc];
  });
}

/**
 * The output length of a transposed convolution along one axis (Keras's
 * `deconv_output_length`): `'valid'` gives `in·s + max(k_eff − s, 0)`, `'same'` gives `in·s`;
 * with an output padding `p`, `(in − 1)·s + k_eff − 2·pad + p` where `pad` is `⌊k_eff / 2⌋`
 * for `'same'` and 0 for `'valid'` (`k_eff = (k − 1)·d + 1`).
 */
export function convTransposeOutputLength(
  size: number,
  k: number,
  s: number,
  d: number,
  padding: 'valid' | 'same',
  outPad: number | null,
): number {
  const effective = (k - 1) * d + 1;
  if (outPad === null) {
    return padding === 'valid' ? size * s + Math.max(effective - s, 0) : size * s;
  }
  const before = padding === 'same' ? Math.floor(effective / 2) : 0;
  return (size - 1) * s + effective - 2 * before + outPad;
}

/**
 * Transposed 2-D convolution (sometimes called deconvolution): the gradient of `conv2d` with
 * respect to its input, used to upsample. Output size as Keras (`convTransposeOutputLength`):
 * `'valid'` gives `in·s + max(k_eff − s, 0)`, `'same'` gives `in·s`.
 *
 * Shapes: x `[batch, h, w, C]`, kernel `[kh, kw, O, C]` (Keras's layout) →
 * `[batch, outH, outW, O]`.
 *
 * @example nb.conv2dTranspose(features, kernel, { strides: 2, padding: 'same' }) // doubles h, w
 */
export function conv2dTranspose(
  x: Tensor,
  kernel: Tensor,
  options: Conv2dTransposeOptions = {},
): Tensor {
  const op = 'conv2dTranspose';
  assertTensor(op, x, 'x');
  assertTensor(op, kernel, 'kernel');
  check(x.rank === 4 && kernel.rank === 4 && kernel.shape[3] === x.shape[3], op, () =>
    `expects x [batch, h, w, C] and kernel [kh, kw, outChannels, C], ` +
    `got ${fmtShape(x.shape)} and ${fmtShape(kernel.shape)}`,
  );
  const [n, h, w, cin] = x.shape as [number, number, number, number];
  const [kh, kw, cout] = kernel.shape as [number, number, number, number];
  const strides = toPair(op, 'strides', options.strides, 1);
  const dilation = toPair(op, 'dilation', options.dilation, 1);
  const padding = options.padding ?? 'valid';
  let outPad: [number, number] | [null, null] = [null, null];
  const given = options.outputPadding;
  if (given !== undefined && given !== null) {
    const p = typeof given === 'number' ? [given, given] : given;
    const fits = (v: number, i: number): boolean =>
      Number.isInteger(v) && v >= 0 && v < strides[i]!;
    const valid = p.length === 2 && p.every(fits);
    check(valid, op, () =>
      `outputPadding must be non-negative integers smaller than the strides ` +
      `[${strides.join(',')}], got ${JSON.stringify(given)}`,
    );
    outPad = [p[0]!, p[1]!];
  }
  const outH = convTransposeOutputLength(h, kh, strides[0], dilation[0], padding, outPad[0]);
  const outW = convTransposeOutputLength(w, kw, strides[1], dilation[1], padding, outPad[1]);
  check(outH > 0 && outW > 0, op, () => `the output would be empty (${outH}x${outW})`);
  // The forward convolution this op is the adjoint of, read from the output side.
  const spec = patchSpec(op, [n, outH, outW, cout], {
    kernelSize: [kh, kw],
    strides,
    dilation,
    padding,
  });
  check(spec.outH === h && spec.outW === w, op, () =>
    `no ${padding} convolution maps ${outH}x${outW} to the input's ${h}x${w}; check outputPadding`,
  );
  const rows = reshape(x, [n * h * w, cin]);
  const weights = reshape(kernel, [kh * kw * cout, cin]);
  const cols = matmul(rows, weights, false, true);
  const patches = reshape(cols, [n, h, w, kh * kw * cout]);
  return releaseUnlessRecorded(foldPatches(patches, spec), [rows, weights, cols, patches]);
}
