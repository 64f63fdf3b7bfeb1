import { NablaError } from '../core/errors.js';
import { displayPath, readFileBytes } from './files.js';

/** A decoded image: `width × height` pixels, 4 bytes each (R, G, B, A), row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Options of `decodeGreyImage`. */
export interface GreyImageOptions {
  /** Output width in pixels. Default 28 (MNIST). */
  width?: number;
  /** Output height in pixels. Default 28. */
  height?: number;
  /**
   * Turn dark-on-light into light-on-dark (`1 − v`), as MNIST digits are white on black.
   * `'auto'` inverts when the image's border is mostly light (a digit on paper). Default `false`.
   */
  invert?: boolean | 'auto';
  /** Grey level in [0, 1] that transparent pixels are laid over. Default 0 (black). */
  background?: number;
}

/**
 * Decodes PNG or JPEG bytes (recognised by their signature) into RGBA pixels. Any PNG colour
 * type or bit depth and baseline or progressive JPEG are read; other data is refused with an
 * error naming `source`. Node: uses the `pngjs` and `jpeg-js` packages, loaded on first use.
 *
 * @example
 * const { width, height, data } = await decodeImage(await readFile('digit.png'), 'digit.png');
 */
export async function decodeImage(bytes: Uint8Array, source = 'input'): Promise<RgbaImage> {
  const format = imageFormat(bytes);
  try {
    if (format === 'png') {
      const { default: pngjs } = await import('pngjs');
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // pngjs expands every colour type and rescales 16-bit samples to 8-bit RGBA.
      const png = pngjs.PNG.sync.read(buffer);
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    }
    if (format === 'jpeg') {
      const { default: jpeg } = await import('jpeg-js');
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (err) {
    let why = err instanceof Error ? err.message : String(err);
    // pngjs reports running out of input this way; say it plainly.
    if (/read requests wait/.test(why)) why = 'the data ends early: truncated file';
    throw new NablaError('decodeImage', `${source}: cannot decode the ${format} image (${why})`);
  }
  const start = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0'));
  throw new NablaError(
    'decodeImage',
    `${source}: not a PNG or JPEG image (it starts with ${start.join(' ') || 'nothing'})`,
  );
}

/**
 * Decodes a PNG or JPEG into a grey image of `width × height` (default 28×28) with values in
 * [0, 1], ready for a model trained on MNIST-like data. Colour is turned into luminance
 * (0.299 R + 0.587 G + 0.114 B, as ITU-R 601 and PIL's `'L'` mode), transparency is laid over
 * `background`, and the size is changed by area averaging when shrinking and bilinear
 * interpolation when enlarging (pixel centres aligned, as `align_corners=False`).
 * Shapes: returns `height · width` values, row-major.
 *
 * @example
 * const pixels = await decodeGreyImage(bytes, { invert: 'auto' }); // Float32Array(784)
 * const x = nb.tensor(pixels, [1, 28, 28]);
 */
export async function decodeGreyImage(
  bytes: Uint8Array,
  options: GreyImageOptions = {},
  source = 'input',
): Promise<Float32Array> {
  const width = options.width ?? 28;
  const height = options.height ?? 28;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new NablaError('decodeGreyImage', `${name} must be a positive integer, got ${v}`);
    }
  }
  const image = await decodeImage(bytes, source);
  const grey = toGrey(image, options.background ?? 0);
  const out = resizeGrey(grey, image.width, image.height, width, height);
  const invert = options.invert ?? false;
  if (invert === true || (invert === 'auto' && borderMean(out, width, height) > 0.5)) {
    for (let i = 0; i < out.length; i++) out[i] = 1 - out[i]!;
  }
  return out;
}

/** Reads a PNG or JPEG file and decodes it with `decodeGreyImage` (Node only). */
export async function readGreyImageFile(
  path: string | URL,
  options: GreyImageOptions = {},
): Promise<Float32Array> {
  return decodeGreyImage(await readFileBytes(path, 'readImage'), options, displayPath(path));
}

/** Luminance in [0, 1] of each RGBA pixel, with alpha laid over `background`. */
export function toGrey(image: RgbaImage, background = 0): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const r = image.data[4 * p]!;
    const g = image.data[4 * p + 1]!;
    const b = image.data[4 * p + 2]!;
    const a = image.data[4 * p + 3]! / 255;
    const luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    out[p] = a * luma + (1 - a) * background;
  }
  return out;
}

/**
 * Resizes a grey image (row-major `height × width`), one axis at a time: area averaging
 * where an axis shrinks, bilinear interpolation where it grows.
 */
export function resizeGrey(
  data: Float32Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  if (width === outWidth && height === outHeight) return Float32Array.from(data);
  const wx = axisWeights(width, outWidth);
  const wy = axisWeights(height, outHeight);
  const rows = new Float32Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    for (let o = 0; o < outWidth; o++) {
      let v = 0;
      for (const [i, w] of wx[o]!) v += w * data[y * width + i]!;
      rows[y * outWidth + o] = v;
    }
  }
  const out = new Float32Array(outHeight * outWidth);
  for (let o = 0; o < outHeight; o++) {
    for (let x = 0; x < outWidth; x++) {
      let v = 0;
      for (const [i, w] of wy[o]!) v += w * rows[i * outWidth + x]!;
      out[o * outWidth + x] = v;
    }
  }
  return out;
}

/** For each output index, the input indices and weights that make it (weights sum to 1). */
function axisWeights(n: number, m: number): [number, number][][] {
  const scale = n / m;
  const weights: [number, number][][] = [];
  for (let o = 0; o < m; o++) {
    const taps: [number, number][] = [];
    if (m <= n) {
      // Shrinking: average the input cells the output cell covers, by overlap.
      const from = o * scale;
      const to = (o + 1) * scale;
      for (let i = Math.floor(from); i < Math.min(n, Math.ceil(to)); i++) {
        const overlap = Math.min(to, i + 1) - Math.max(from, i);
        if (overlap > 0) taps.push([i, overlap / scale]);
      }
    } else {
      // Growing: interpolate between the two nearest input centres.
      const src = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), n - 1);
      const i0 = Math.floor(src);
      const t = src - i0;
      taps.push([i0, 1 - t]);
      if (t > 0) taps.push([Math.min(i0 + 1, n - 1), t]);
    }
    weights.push(taps);
  }
  return weights;
}

function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  const jpeg = [0xff, 0xd8, 0xff];
  if (bytes.length >= 3 && jpeg.every((b, i) => bytes[i] === b)) return 'jpeg';
  return undefined;
}

function borderMean(data: Float32Array, width: number, height: number): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y === 0 || x === 0 || y === height - 1 || x === width - 1) {
        sum += data[y * width + x]!;
        count++;
      }
    }
  }
  return sum / count;
}
