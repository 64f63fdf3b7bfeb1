/** `model.predict`: outputs for many samples, computed in batches and concatenated. */
import { NablaError } from '../core/errors.js';
import { concat, type Tensor } from '../tensor/index.js';
import { ArraySource, DatasetSource, type BatchSource } from './batches.js';
import {
  isDataset,
  isTensorData,
  toList,
  type FitDataset,
  type TensorData,
} from './data-adapter.js';
import type { Model } from './model.js';
import { predictStep } from './train-step.js';

/** Options of `predict`. */
export interface PredictOptions {
  /** Samples per forward pass. Default 32. */
  batchSize?: number;
  /** Stop after this many batches (default: all the data). */
  steps?: number;
}

/**
 * Runs the model in inference mode over `x` (tensors, or a synchronous dataset of `x` or
 * `{xs}` batches) and returns one tensor per output, `[samples, …]`.
 */
export function predictModel(
  model: Model,
  x: TensorData | FitDataset,
  options: PredictOptions = {},
): Tensor | Tensor[] {
  const batchSize = options.batchSize ?? 32;
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new NablaError('predict', `batchSize must be a positive integer, got ${batchSize}`);
  let source: BatchSource;
  if (isTensorData(x)) {
    if (model.graphOrNull === null) model.ensureGraph(toList(x, ['input'], 'x', 'predict'));
    const xs = toList(x, model.inputNames, 'x', 'predict');
    model.checkInputs(
      xs.map((t) => t.shape),
      'predict',
    );
    const n = xs[0]!.shape[0]!;
    if (xs.some((t) => t.shape[0] !== n))
      throw new NablaError(
        'predict',
        `every input needs the same number of samples, got ${xs.map((t) => t.shape[0]).join(', ')}`,
      );
    source = new ArraySource(xs, null, null, n, batchSize, null, options.steps);
  } else if (isDataset(x)) {
    if (!(Symbol.iterator in x))
      throw new NablaError(
        'predict',
        'predict is synchronous: give tensors or a synchronous dataset',
      );
    source = new DatasetSource(
      x,
      model.inputNames,
      model.outputNames,
      false,
      'predict',
      options.steps,
    );
  } else {
    throw new NablaError('predict', 'x must be a Tensor, an array or map of Tensors, or a dataset');
  }
  const parts: Tensor[][] = [];
  source.startEpoch();
  try {
    for (;;) {
      const batch = source.next() as ReturnType<ArraySource['next']>;
      if (batch === null) break;
      try {
        model.ensureGraph(batch.xs);
        parts.push(predictStep(model, batch.xs));
      } finally {
        source.release(batch);
      }
    }
    if (parts.length === 0) throw new NablaError('predict', 'there is no data to predict');
    const outputs = parts[0]!.map((_, i) =>
      parts.length === 1
        ? parts[0]![i]!
        : concat(
            parts.map((p) => p[i]!),
            0,
          ),
    );
    return outputs.length === 1 ? outputs[0]! : outputs;
  } finally {
    if (parts.length > 1) for (const p of parts) for (const t of p) t.dispose();
  }
}
