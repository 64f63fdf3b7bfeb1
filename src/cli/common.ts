/** Helpers the subcommands share: loading a model file with its metadata, shape checks. */
import { readFileBytes } from '../data/files.js';
import { deserializeModel, readModelFile, type ModelFileHeader } from '../io/index.js';
import type { Model } from '../models/index.js';
import { oneHot, type Tensor } from '../tensor/index.js';
import { UsageError } from './args.js';
import type { DataMetadata } from './data-spec.js';

/** Writes one line to stdout. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A loaded model file: the model, its header and what `nabla train` noted about its data. */
export interface LoadedModel {
  model: Model;
  header: ModelFileHeader;
  bytes: number;
  formatVersion: number;
  metadata: Partial<DataMetadata>;
}

/** Loads a model file (compiled as saved, unless `compile` is false). */
export async function loadModelFile(path: string, compile = true): Promise<LoadedModel> {
  const bytes = await readFileBytes(path, 'loadModel');
  const { header } = readModelFile(bytes, path, 'loadModel');
  const model = deserializeModel(bytes, { source: path, compile });
  const formatVersion = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    8,
    true,
  );
  return {
    model,
    header,
    bytes: bytes.length,
    formatVersion,
    metadata: (header.metadata ?? {}) as Partial<DataMetadata>,
  };
}

/** One sample's shape as the model's (first) input declares it; unknown sizes stay null. */
export function modelSampleShape(model: Model): (number | null)[] {
  return model.inputs[0]!.shape.slice(1);
}

/** Number of classes: the last dimension of the model's (first) output. */
export function modelClasses(model: Model): number {
  const units = model.outputs[0]!.shape.at(-1);
  if (typeof units !== 'number') {
    throw new UsageError("the model's output has no fixed number of classes");
  }
  return units;
}

const fmt = (shape: readonly (number | null)[]): string =>
  `[${shape.map((d) => d ?? '?').join(', ')}]`;

/** Throws one clear line when the data's samples do not fit the model's input or output. */
export function checkFits(
  model: Model,
  sampleShape: readonly number[],
  numClasses: number,
  what: string,
): void {
  const expected = modelSampleShape(model);
  const fits =
    expected.length === sampleShape.length &&
    expected.every((d, i) => d === null || d === sampleShape[i]);
  if (!fits) {
    throw new UsageError(
      `the model takes samples of shape ${fmt(expected)}, ` +
        `but ${what} has samples of shape ${fmt(sampleShape)}`,
    );
  }
  const classes = modelClasses(model);
  if (numClasses > classes) {
    throw new UsageError(`${what} has ${numClasses} classes, but the model outputs ${classes}`);
  }
}

/** Integer labels `[n]` as one-hot rows `[n, k]` for categorical cross-entropy. */
export function oneHotLabels(labels: Tensor, k: number): Tensor {
  return oneHot(labels, k);
}

/** `1,438`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
