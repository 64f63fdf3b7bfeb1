import { NablaError } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import { tensor, type Tensor } from '../../tensor/index.js';
import { parseCsv, type CsvTable } from '../csv.js';
import { displayPath, readFileBytes } from '../files.js';
import { maybeGunzip } from '../gzip.js';

/**
 * Where the bundled digits live: `data/` at the package root. The same relative URL works from
 * `src/data/datasets/digits.ts` (run by tsx) and from the compiled `dist/data/datasets/digits.js`.
 */
export const DIGITS_URL = new URL('../../../data/digits.csv.gz', import.meta.url);

/** Number of images in the bundled digits file. */
export const DIGITS_COUNT = 1797;

/** Options of `digits`. */
export interface DigitsOptions {
  /** Share of the images held out for testing. Default 0.2 (1,438 train / 359 test). */
  testSplit?: number;
  /** Seed of the split; the default 0 gives the same split everywhere. */
  seed?: number;
  /** Read another copy of `digits.csv(.gz)` instead of the bundled one. */
  path?: string | URL;
}

/** The digits as plain arrays, before any split. */
export interface DigitsArrays {
  /** Pixels 0..16, row-major `[n, 64]` (8×8 images). */
  pixels: Uint8Array;
  /** Labels 0..9, `[n]`. */
  labels: Int32Array;
  count: number;
}

/** One part of a classification dataset: inputs and integer labels. */
export interface LabelledTensors {
  x: Tensor;
  y: Tensor;
}

/** A dataset's standard parts, as `keras.datasets.*.load_data()` returns them. */
export interface TrainTest {
  train: LabelledTensors;
  test: LabelledTensors;
}

/**
 * Reads the bundled digits (or `path`) into arrays: 64 pixel values 0..16 then the label on
 * each line. The file is checked: 65 integer columns, pixels in 0..16, labels in 0..9.
 */
export async function loadDigitsArrays(path: string | URL = DIGITS_URL): Promise<DigitsArrays> {
  const source = displayPath(path);
  const bytes = await maybeGunzip(await readFileBytes(path, 'digits'), source);
  const fail = (what: string): never => {
    throw new NablaError('digits', `${source}: ${what}`);
  };
  let table: CsvTable;
  try {
    const text = new TextDecoder().decode(bytes);
    table = parseCsv(text, { header: false, label: -1, labelType: 'int' });
  } catch (err) {
    return fail((err as Error).message.replace(/^parseCsv: /, ''));
  }
  const [count, features] = table.shape;
  if (features !== 64) fail(`expected 64 pixel columns and a label, got ${features + 1} columns`);
  const pixels = new Uint8Array(count * 64);
  table.x.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 16) {
      fail(`row ${Math.floor(i / 64) + 1}: pixel ${v} is not in 0..16`);
    }
    pixels[i] = v;
  });
  const labels = table.y as Int32Array;
  labels.forEach((v, i) => {
    if (v < 0 || v > 9) fail(`row ${i + 1}: label ${v} is not in 0..9`);
  });
  return { pixels, labels, count };
}

/**
 * The 8×8 handwritten digits bundled with nabla (1,797 images, UCI / scikit-learn, BSD-3-Clause;
 * see `data/README.md`), split into training and test parts by a fixed, seeded shuffle: by
 * default 1,438 training and 359 test images, the same on every machine.
 * Shapes: `x` float32 `[n, 64]` with pixels scaled from 0..16 to [0, 1] (divided by 16);
 * `y` int32 `[n]` with labels 0..9.
 *
 * @example
 * const { train, test } = await nb.datasets.digits();
 * train.x.shape; // [1438, 64]
 */
export async function digits(options: DigitsOptions = {}): Promise<TrainTest> {
  const testSplit = options.testSplit ?? 0.2;
  if (!(testSplit > 0 && testSplit < 1)) {
    throw new NablaError('digits', `testSplit must be between 0 and 1, got ${testSplit}`);
  }
  const { pixels, labels, count } = await loadDigitsArrays(options.path);
  const order = new Random(options.seed ?? 0).permutation(count);
  const nTest = Math.round(count * testSplit);
  const part = (from: number, to: number): LabelledTensors => {
    const n = to - from;
    const x = new Float32Array(n * 64);
    const y = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const i = order[from + r]!;
      for (let j = 0; j < 64; j++) x[r * 64 + j] = pixels[i * 64 + j]! / 16;
      y[r] = labels[i]!;
    }
    return { x: tensor(x, [n, 64], 'float32'), y: tensor(y, [n], 'int32') };
  };
  return { train: part(0, count - nTest), test: part(count - nTest, count) };
}
