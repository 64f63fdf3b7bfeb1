import { NablaError } from '../../core/errors.js';
import { tensor } from '../../tensor/index.js';
import { cacheDir } from '../cache.js';
import { download } from '../download.js';
import { fileExists } from '../files.js';
import { readIdxFile, type IdxArray } from '../idx.js';
import type { TrainTest } from './digits.js';

/** One file of an IDX dataset: its canonical name and the SHA-256 of the published file. */
export interface IdxFileSpec {
  name: string;
  sha256: string;
}

/** Where an MNIST-style dataset (four IDX files) comes from. */
export interface IdxDatasetSpec {
  /** Folder name under `$NABLA_DATA` and the cache directory, e.g. `'fashion-mnist'`. */
  name: string;
  /** Name for messages, e.g. `'Fashion-MNIST'`. */
  title: string;
  /** Base URLs (ending in `/`) tried in order for a download. */
  mirrors: string[];
  trainImages: IdxFileSpec;
  trainLabels: IdxFileSpec;
  testImages: IdxFileSpec;
  testLabels: IdxFileSpec;
  /** System folders to look in after the cache, e.g. a Debian package's. */
  systemDirs: string[];
  /** How to get the files without a download, for the error when none is allowed. */
  hint?: string;
}

/** Options of `mnist`, `fashionMnist` and `loadIdxDataset`. */
export interface IdxDatasetOptions {
  /**
   * `true` (default): pixels as float32 in [0, 1] (divided by 255). `false`: float32 0..255, the
   * raw values Keras returns as uint8.
   */
  normalize?: boolean;
  /** Look only in this folder (no search, no download). */
  dir?: string;
  /** Download the files when no folder has them. Default `true`. */
  download?: boolean;
  /** Download progress, per file. */
  onProgress?: (file: string, received: number, total: number | undefined) => void;
}

/** An IDX dataset as plain arrays: images `[count, rows, cols]` and labels `[count]`, uint8. */
export interface IdxDatasetArrays {
  train: { images: Uint8Array; labels: Uint8Array; count: number };
  test: { images: Uint8Array; labels: Uint8Array; count: number };
  rows: number;
  cols: number;
  /** The folder the files were read from. */
  dir: string;
}

type Part = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
const PARTS: readonly Part[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

/**
 * Finds (or downloads) and reads an MNIST-style dataset as arrays (Node only).
 *
 * Folders are searched in order: `options.dir` alone if given; otherwise `$NABLA_DATA/<name>`,
 * the cache directory (`$XDG_CACHE_HOME/nabla/<name>` or `~/.cache/nabla/<name>`) and
 * `spec.systemDirs`. A folder counts when it holds all four files, each gzipped (`.gz`) or not.
 * When none does, the files are downloaded from the first mirror that serves them, checked
 * against their SHA-256 and written atomically into the cache. Files read from disk are checked
 * by their IDX headers (uint8, matching counts), since repackaged copies (Debian's) are
 * recompressed and do not match the published checksums.
 */
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options: IdxDatasetOptions = {},
): Promise<IdxDatasetArrays> {
  const { join } = await import('node:path');
  const candidates: string[] = [];
  if (options.dir !== undefined) {
    candidates.push(options.dir);
  } else {
    const env = process.env['NABLA_DATA'];
    if (env !== undefined && env !== '') candidates.push(join(env, spec.name));
    candidates.push(await cacheDir(spec.name), ...spec.systemDirs);
  }
  for (const dir of candidates) {
    const paths = await findFiles(spec, dir);
    if (paths !== undefined) return readArrays(spec, paths, dir);
  }
  if (options.dir !== undefined) {
    const where = `${spec.title} files not found in ${options.dir}`;
    throw new NablaError(spec.name, `${where} (${expected(spec)})`);
  }
  if (options.download === false) {
    const hint = spec.hint === undefined ? '' : `; ${spec.hint}`;
    throw new NablaError(
      spec.name,
      `${spec.title} not found in ${candidates.join(', ')} and downloads are off${hint}`,
    );
  }
  const dir = await cacheDir(spec.name);
  const paths = {} as Record<Part, string>;
  for (const part of PARTS) paths[part] = await fetchFile(spec, spec[part], dir, options);
  return readArrays(spec, paths, dir);
}

/**
 * An MNIST-style dataset as tensors, `{ train: {x, y}, test: {x, y} }`.
 * Shapes: `x` float32 `[n, rows, cols]` (in [0, 1], or 0..255 with `normalize: false`);
 * `y` int32 `[n]`.
 */
export async function loadIdxDatasetTensors(
  spec: IdxDatasetSpec,
  options: IdxDatasetOptions = {},
): Promise<TrainTest> {
  const arrays = await loadIdxDataset(spec, options);
  const scale = options.normalize === false ? 1 : 1 / 255;
  const part = (p: IdxDatasetArrays['train']): TrainTest['train'] => {
    const x = new Float32Array(p.images.length);
    for (let i = 0; i < x.length; i++) x[i] = p.images[i]! * scale;
    return {
      x: tensor(x, [p.count, arrays.rows, arrays.cols], 'float32'),
      y: tensor(Int32Array.from(p.labels), [p.count], 'int32'),
    };
  };
  return { train: part(arrays.train), test: part(arrays.test) };
}

/** The paths of all four files in `dir` (plain or `.gz`), or `undefined` if one is missing. */
async function findFiles(
  spec: IdxDatasetSpec,
  dir: string,
): Promise<Record<Part, string> | undefined> {
  const { join } = await import('node:path');
  const paths = {} as Record<Part, string>;
  for (const part of PARTS) {
    const gz = spec[part].name;
    const plain = gz.replace(/\.gz$/, '');
    if (await fileExists(join(dir, gz))) paths[part] = join(dir, gz);
    else if (await fileExists(join(dir, plain))) paths[part] = join(dir, plain);
    else return undefined;
  }
  return paths;
}

async function fetchFile(
  spec: IdxDatasetSpec,
  file: IdxFileSpec,
  dir: string,
  options: IdxDatasetOptions,
): Promise<string> {
  const failures: string[] = [];
  for (const mirror of spec.mirrors) {
    try {
      return await download(mirror + file.name, {
        dir,
        sha256: file.sha256,
        onProgress: (received, total) => options.onProgress?.(file.name, received, total),
      });
    } catch (err) {
      failures.push((err as Error).message.replace(/^download: /, ''));
    }
  }
  throw new NablaError(
    spec.name,
    `cannot download ${file.name} of ${spec.title}:\n  ${failures.join('\n  ')}` +
      (spec.hint === undefined ? '' : `\n${spec.hint}`),
  );
}

async function readArrays(
  spec: IdxDatasetSpec,
  paths: Record<Part, string>,
  dir: string,
): Promise<IdxDatasetArrays> {
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    PARTS.map((part) => readIdxFile(paths[part])),
  );
  const train = pair(spec, trainImages!, trainLabels!, paths.trainImages, paths.trainLabels);
  const test = pair(spec, testImages!, testLabels!, paths.testImages, paths.testLabels);
  const [, rows, cols] = trainImages!.shape;
  if (testImages!.shape[1] !== rows || testImages!.shape[2] !== cols) {
    throw new NablaError(
      spec.name,
      `${paths.testImages}: images are ${testImages!.shape[1]}x${testImages!.shape[2]} ` +
        `but the training images are ${rows}x${cols}`,
    );
  }
  return { train, test, rows: rows!, cols: cols!, dir };
}

function pair(
  spec: IdxDatasetSpec,
  images: IdxArray,
  labels: IdxArray,
  imagesPath: string,
  labelsPath: string,
): { images: Uint8Array; labels: Uint8Array; count: number } {
  if (images.dtype !== 'uint8' || images.shape.length !== 3) {
    throw new NablaError(
      spec.name,
      `${imagesPath}: expected uint8 images [n, rows, cols], got ${images.dtype} [${images.shape}]`,
    );
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
    throw new NablaError(
      spec.name,
      `${labelsPath}: expected uint8 labels [n], got ${labels.dtype} [${labels.shape}]`,
    );
  }
  if (images.shape[0] !== labels.shape[0]) {
    throw new NablaError(
      spec.name,
      `${imagesPath} holds ${images.shape[0]} images ` +
        `but ${labelsPath} holds ${labels.shape[0]} labels`,
    );
  }
  return {
    images: images.data as Uint8Array,
    labels: labels.data as Uint8Array,
    count: images.shape[0]!,
  };
}

function expected(spec: IdxDatasetSpec): string {
  return `expected ${PARTS.map((p) => spec[p].name).join(', ')}, with or without .gz`;
}
