/** The `--model` argument: the built-in `mlp` and `cnn`, or a model config in a JSON file. */
import { readFileBytes } from '../data/files.js';
import { modelFromJSON, sequential, type Model } from '../models/index.js';
import type { Layer } from '../nn/layer.js';
import {
  conv2D,
  dense,
  flatten,
  LAYER_CLASSES,
  maxPooling2D,
  reshape,
} from '../nn/layers/index.js';
import { UsageError } from './args.js';

/** The article's hidden layers: dense 64 relu, then dense 128 relu. */
export const ARTICLE_HIDDEN: readonly number[] = [64, 128];

/**
 * A multi-layer perceptron: one dense relu layer per entry of `hidden` (default the article's
 * 64 → 128), then dense `numClasses` softmax; a flatten comes first when samples are not vectors
 * (28×28 images).
 */
export function mlp(
  sampleShape: readonly number[],
  numClasses: number,
  hidden: readonly number[] = ARTICLE_HIDDEN,
): Model {
  const layers: Layer[] = [];
  // The first dense layer takes vectors directly; other samples are flattened first.
  const vector = sampleShape.length === 1;
  if (!vector) layers.push(flatten({ inputShape: [...sampleShape] }));
  const first = (i: number) => (vector && i === 0 ? { inputShape: [...sampleShape] } : {});
  hidden.forEach((units, i) => layers.push(dense({ units, activation: 'relu', ...first(i) })));
  layers.push(dense({ units: numClasses, activation: 'softmax', ...first(hidden.length) }));
  return sequential(layers);
}

/** Parses `--hidden 64,128` into layer widths. */
export function parseHidden(value: string): number[] {
  const widths = value.split(',').map((w) => Number(w.trim()));
  if (value.trim() === '' || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new UsageError(
      `--hidden must be layer widths separated by commas, e.g. 64,128; got '${value}'`,
    );
  }
  return widths;
}

/** The side of a square image a sample shape describes (`[28, 28]`, `[28, 28, 1]`, `[784]`). */
export function imageSide(sampleShape: readonly number[]): number | null {
  const [a, b, c] = sampleShape;
  if (sampleShape.length === 1) {
    const side = Math.round(Math.sqrt(a!));
    return side * side === a ? side : null;
  }
  if (sampleShape.length === 2 && a === b) return a!;
  if (sampleShape.length === 3 && a === b && c === 1) return a!;
  return null;
}

/**
 * A small CNN for grey images: conv 32 3×3 relu → max-pool 2 → conv 64 3×3 relu →
 * max-pool 2 →
 * flatten → dense 128 relu → dense `numClasses` softmax. Samples are reshaped to
 * `[side, side, 1]` first, so the model takes the dataset's own shape. Needs images of at least
 * 10×10 pixels.
 */
export function cnn(sampleShape: readonly number[], numClasses: number): Model {
  const side = imageSide(sampleShape);
  if (side === null || side < 10) {
    throw new UsageError(
      '--model cnn needs square grey images of at least 10×10 pixels; ' +
        `the data's samples have shape [${sampleShape.join(', ')}]`,
    );
  }
  return sequential([
    reshape({ targetShape: [side, side, 1], inputShape: [...sampleShape] }),
    conv2D({ filters: 32, kernelSize: 3, activation: 'relu' }),
    maxPooling2D({ poolSize: 2 }),
    conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    maxPooling2D({ poolSize: 2 }),
    flatten(),
    dense({ units: 128, activation: 'relu' }),
    dense({ units: numClasses, activation: 'softmax' }),
  ]);
}

/**
 * A model from a JSON file: `{className, config}` as `model.toJSON()` writes it, `{layers: […]}`
 * or a plain list of `{className, config}` layers (both read as a Sequential model).
 */
export async function modelFromFile(file: string): Promise<Model> {
  const text = new TextDecoder().decode(await readFileBytes(file, 'model config'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const layers = Array.isArray(json) ? json : (json as { layers?: unknown } | null)?.layers;
  const wrapped =
    Array.isArray(layers) && !(json as { className?: unknown }).className
      ? { className: 'Sequential', config: { layers } }
      : json;
  if (!wrapped || typeof (wrapped as { className?: unknown }).className !== 'string') {
    throw new UsageError(
      `${file}: expected {className, config}, {layers: [...]} or a list of layers`,
    );
  }
  try {
    return modelFromJSON(
      wrapped as { className: string; config: Record<string, unknown> },
      LAYER_CLASSES,
    );
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
}

/** Refuses a `--model` value that names no model, before any data is loaded. */
export function checkModelName(value: string): void {
  if (value !== 'mlp' && value !== 'cnn' && !value.endsWith('.json')) {
    throw new UsageError(`--model must be mlp, cnn or a model config file (.json); got '${value}'`);
  }
}

/** The model `--model` names, for samples of `sampleShape` and `numClasses` classes. */
export async function buildModel(
  value: string,
  sampleShape: readonly number[],
  numClasses: number,
  hidden: readonly number[] = ARTICLE_HIDDEN,
): Promise<Model> {
  checkModelName(value);
  if (value === 'mlp') return mlp(sampleShape, numClasses, hidden);
  if (value === 'cnn') return cnn(sampleShape, numClasses);
  return modelFromFile(value);
}
