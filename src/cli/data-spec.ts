/**
 * The `--data` argument: `digits`, `fashion-mnist`, `mnist` or `csv:FILE[:LABEL]`, loaded into
 * train and test parts with integer class labels, plus what a saved model must remember to
 * read the same data again (class names, CSV vocabularies, the scaler).
 */
import { parseCsv, parseCsvRecords, type CsvTable } from '../data/csv.js';
import { digits, fashionMnist, FASHION_MNIST_CLASSES, mnist } from '../data/datasets/index.js';
import { readFileBytes } from '../data/files.js';
import { maybeGunzip } from '../data/gzip.js';
import { scalerFromJSON, standardScaler, type ScalerJSON } from '../data/scalers.js';
import { trainTestSplit } from '../data/split.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { UsageError } from './args.js';

/** A parsed `--data` value. */
export type DataSpec =
  { kind: 'digits' | 'fashion-mnist' | 'mnist' } | { kind: 'csv'; file: string; label?: string };

/** What `nabla train` stores in the model file so that `evaluate` and `predict` read alike. */
export interface DataMetadata {
  /** The `--data` value the model was trained on. */
  data: string;
  /** One sample's shape, e.g. `[64]` or `[28, 28]`. */
  sampleShape: number[];
  classNames?: string[];
  /** CSV only: the feature columns, the label column, the categorical codes, the test share. */
  features?: string[];
  label?: string;
  vocabularies?: Record<string, string[]>;
  scaler?: ScalerJSON;
  testSplit?: number;
}

/** Labelled samples: `x` `[n, ...sampleShape]`, `y` int32 `[n]`. */
export interface Part {
  x: Tensor;
  y: Tensor;
}

/** A loaded dataset. */
export interface LoadedData {
  train: Part;
  test: Part;
  numClasses: number;
  metadata: DataMetadata;
}

/** Parses `--data`. */
export function parseDataSpec(value: string): DataSpec {
  if (value === 'digits' || value === 'fashion-mnist' || value === 'mnist') return { kind: value };
  if (value.startsWith('csv:')) {
    const rest = value.slice(4);
    // FILE[:LABEL]; a Windows drive letter (C:\…) is not a label separator.
    const at = rest.lastIndexOf(':');
    const hasLabel = at > 1 && !/[\\/]/.test(rest.slice(at + 1));
    const file = hasLabel ? rest.slice(0, at) : rest;
    if (file === '') {
      throw new UsageError('--data csv: needs a file, e.g. --data csv:iris.csv:species');
    }
    return hasLabel ? { kind: 'csv', file, label: rest.slice(at + 1) } : { kind: 'csv', file };
  }
  throw new UsageError(
    `--data must be digits, fashion-mnist, mnist or csv:FILE[:LABEL]; got '${value}'`,
  );
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Reads a CSV file; the first row is a header unless every field in it is a number. */
async function readCsv(
  file: string,
  label: string | undefined,
  vocabularies?: Record<string, string[]>,
): Promise<CsvTable> {
  const text = new TextDecoder().decode(await maybeGunzip(await readFileBytes(file, 'csv'), file));
  const first =
    parseCsvRecords(text.slice(0, text.indexOf('\n') + 1 || undefined)).records[0] ?? [];
  const header = !first.every((f) => NUMBER.test(f));
  const labelColumn =
    label === undefined
      ? -1
      : /^-?\d+$/.test(label) && !(header && first.includes(label))
        ? Number(label)
        : label;
  try {
    return parseCsv(text, { header, label: labelColumn, labelType: 'auto', vocabularies });
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message.replace(/^parseCsv: /, '')}`);
  }
}

function classCount(labels: Int32Array, what: string): number {
  let max = -1;
  for (const v of labels) {
    if (v < 0) throw new UsageError(`${what}: class labels must be 0 or more, got ${v}`);
    if (v > max) max = v;
  }
  return max + 1;
}

/**
 * Loads a CSV for classification: standardised features (statistics from the training part, or
 * from `known.scaler`), integer labels, and a seeded split (seed 0) into train and test parts.
 */
async function loadCsv(
  spec: { file: string; label?: string },
  testSplit: number,
  known?: DataMetadata,
): Promise<LoadedData> {
  const table = await readCsv(spec.file, spec.label ?? known?.label, known?.vocabularies);
  if (!table.y || !(table.y instanceof Int32Array)) {
    throw new UsageError(
      `${spec.file}: the label column '${table.label?.name}' holds non-integer values; ` +
        'nabla classifies, so labels must be classes',
    );
  }
  const [rows, features] = table.shape;
  if (rows < 2) throw new UsageError(`${spec.file}: needs at least 2 rows, has ${rows}`);
  const x = tensor(table.x, [rows, features]);
  const y = tensor(table.y, [rows], 'int32');
  const { train, test } = trainTestSplit({ x, y }, { test: testSplit, seed: 0 });
  const scaler = known?.scaler ? scalerFromJSON(known.scaler) : standardScaler().fit(train.x);
  const labelName = table.label!.name;
  const vocabulary = table.vocabularies[labelName];
  const metadata: DataMetadata = {
    data: `csv:${spec.file}${spec.label === undefined ? '' : `:${spec.label}`}`,
    sampleShape: [features],
    features: table.columns.map((c) => c.name),
    label: labelName,
    vocabularies: table.vocabularies,
    scaler: scaler.toJSON(),
    testSplit,
    ...(vocabulary ? { classNames: vocabulary } : {}),
  };
  const numClasses = vocabulary?.length ?? classCount(table.y, spec.file);
  return {
    train: { x: scaler.transform(train.x), y: train.y },
    test: { x: scaler.transform(test.x), y: test.y },
    numClasses,
    metadata,
  };
}

/**
 * Loads `--data`. `known` is the metadata of a saved model: a CSV is then coded and scaled as it
 * was for training, and split with the same test share.
 */
export async function loadData(
  value: string,
  options: { testSplit?: number; known?: DataMetadata } = {},
): Promise<LoadedData> {
  const spec = parseDataSpec(value);
  if (spec.kind === 'csv') {
    return loadCsv(spec, options.testSplit ?? options.known?.testSplit ?? 0.2, options.known);
  }
  const loader = spec.kind === 'digits' ? digits : spec.kind === 'mnist' ? mnist : fashionMnist;
  const { train, test } = await loader();
  const sampleShape = train.x.shape.slice(1);
  const classNames = spec.kind === 'fashion-mnist' ? [...FASHION_MNIST_CLASSES] : undefined;
  return {
    train,
    test,
    numClasses: 10,
    metadata: { data: value, sampleShape, ...(classNames ? { classNames } : {}) },
  };
}
