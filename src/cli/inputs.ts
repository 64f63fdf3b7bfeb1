/** Reading `nabla predict`'s input: rows of a CSV file, or a PNG/JPEG image. */
import { parseCsv, parseCsvRecords } from '../data/csv.js';
import { readFileBytes } from '../data/files.js';
import { maybeGunzip } from '../data/gzip.js';
import { decodeGreyImage } from '../data/image.js';
import { scalerFromJSON } from '../data/scalers.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { imageSide } from './architectures.js';
import { UsageError } from './args.js';
import type { DataMetadata } from './data-spec.js';

/** Samples to predict, with a label for each one in the output. */
export interface PredictInput {
  x: Tensor;
  names: string[];
}

const IMAGE = /\.(png|jpe?g)$/i;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * A grey image, resized to the model's square input and shaped `[1, ...sampleShape]`: grey levels
 * in [0, 1], as the bundled datasets hold them, then scaled like the training data if the model
 * was trained on a CSV file (whose pixels should then be in [0, 1] too).
 */
async function readImage(
  file: string,
  sampleShape: readonly number[],
  meta: Partial<DataMetadata>,
): Promise<PredictInput> {
  const side = imageSide(sampleShape);
  if (side === null) {
    throw new UsageError(
      `the model takes samples of shape [${sampleShape.join(', ')}], not images; give a CSV file`,
    );
  }
  const bytes = await readFileBytes(file, 'predict');
  // Light-on-dark like the training digits: a dark digit on paper is inverted automatically.
  const pixels = await decodeGreyImage(bytes, { width: side, height: side, invert: 'auto' }, file);
  let x = tensor(pixels, [1, pixels.length]);
  if (meta.scaler) x = scalerFromJSON(meta.scaler).transform(x);
  return { x: x.reshape([1, ...sampleShape]), names: [file] };
}

/**
 * CSV rows of features. With a header and the training file's column names in the metadata,
 * columns are picked by name (a label column is ignored); otherwise each row must hold exactly
 * the model's number of features. Features are scaled as they were for training.
 */
async function readRows(
  file: string,
  sampleShape: readonly number[],
  meta: Partial<DataMetadata>,
): Promise<PredictInput> {
  const text = new TextDecoder().decode(
    await maybeGunzip(await readFileBytes(file, 'predict'), file),
  );
  const first = parseCsvRecords(text).records[0] ?? [];
  const header = !first.every((f) => NUMBER.test(f));
  const wanted = sampleShape.reduce((a, b) => a * b, 1);
  const ignore =
    header && meta.features ? first.filter((name) => !meta.features!.includes(name)) : [];
  let table;
  try {
    table = parseCsv(text, { header, ignore, vocabularies: meta.vocabularies });
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message.replace(/^parseCsv: /, '')}`);
  }
  const [rows, features] = table.shape;
  if (features !== wanted) {
    throw new UsageError(`${file}: rows have ${features} features, the model takes ${wanted}`);
  }
  if (meta.features && header && table.columns.some((c, i) => c.name !== meta.features![i])) {
    throw new UsageError(
      `${file}: columns ${table.columns.map((c) => c.name).join(', ')} ` +
        `do not match the training columns ${meta.features.join(', ')}`,
    );
  }
  let x = tensor(table.x, [rows, ...sampleShape]);
  if (meta.scaler) {
    const flat = scalerFromJSON(meta.scaler).transform(x.reshape([rows, wanted]));
    x = flat.reshape([rows, ...sampleShape]);
  }
  return { x, names: Array.from({ length: rows }, (_, i) => `${file}:${i + 1}`) };
}

/** The samples in `file`: an image (.png, .jpg, .jpeg) or CSV rows (anything else). */
export async function readPredictInput(
  file: string,
  sampleShape: readonly number[],
  meta: Partial<DataMetadata>,
): Promise<PredictInput> {
  return IMAGE.test(file) ? readImage(file, sampleShape, meta) : readRows(file, sampleShape, meta);
}
