/** `model.evaluate`: loss and metrics over data, batch by batch, without training. */
import { NablaError } from '../core/errors.js';
import { Callback, CallbackList, type Logs } from '../callbacks/callback.js';
import { LambdaCallback, type LambdaCallbackArgs } from '../callbacks/lambda-callback.js';
import { ProgbarLogger } from '../callbacks/progbar-logger.js';
import type { Tensor } from '../tensor/index.js';
import { ArraySource, DatasetSource, type BatchSource } from './batches.js';
import {
  isDataset,
  isTensorData,
  sampleCount,
  toList,
  type FitDataset,
  type TensorData,
} from './data-adapter.js';
import type { Model } from './model.js';
import { LossTracker, testStep } from './train-step.js';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Default 32. */
  batchSize?: number;
  /** 0 silent, 1 progress bar (default), 2 one line. */
  verbose?: 0 | 1 | 2;
  /** Weight of each sample in the loss and metrics: `[samples]`. */
  sampleWeight?: Tensor;
  /** Stop after this many batches (default: all the data). */
  steps?: number;
  /** Callbacks (their `onTest…` hooks run). */
  callbacks?: (Callback | LambdaCallbackArgs)[];
}

/**
 * `evaluate(x, y, options)` or `evaluate(dataset, options)`: `[loss, ...]` in `metricsNames`
 * order. Keras returns a bare number when there are no metrics; nabla always returns an array
 * (`[loss]` then) so that the result has one type.
 */
export async function evaluateModel(
  model: Model,
  a: TensorData | FitDataset,
  b?: TensorData | EvaluateOptions,
  c?: EvaluateOptions,
): Promise<number[]> {
  let options: EvaluateOptions;
  let source: BatchSource;
  if (isTensorData(a)) {
    if (!isTensorData(b))
      throw new NablaError('evaluate', 'y is missing: call evaluate(x, y, options)');
    options = c ?? {};
    const batchSize = options.batchSize ?? 32;
    if (!(Number.isInteger(batchSize) && batchSize > 0))
      throw new NablaError('evaluate', `batchSize must be a positive integer, got ${batchSize}`);
    if (model.graphOrNull === null) model.ensureGraph(toList(a, ['input'], 'x', 'evaluate'));
    const xs = toList(a, model.inputNames, 'x', 'evaluate');
    const ys = toList(b, model.outputNames, 'y', 'evaluate');
    model.checkInputs(
      xs.map((t) => t.shape),
      'evaluate',
    );
    const groups: [string, Tensor[]][] = [
      ['x', xs],
      ['y', ys],
    ];
    if (options.sampleWeight) groups.push(['sampleWeight', [options.sampleWeight]]);
    const n = sampleCount('evaluate', ...groups);
    source = new ArraySource(
      xs,
      ys,
      options.sampleWeight ?? null,
      n,
      batchSize,
      null,
      options.steps,
    );
  } else if (isDataset(a)) {
    options = (b as EvaluateOptions | undefined) ?? {};
    source = new DatasetSource(
      a,
      model.inputNames,
      model.outputNames,
      true,
      'evaluate',
      options.steps,
    );
  } else {
    throw new NablaError(
      'evaluate',
      'expected evaluate(x, y, options) with tensors, or evaluate(dataset, options)',
    );
  }
  const verbose = options.verbose ?? 1;
  const user = (options.callbacks ?? []).map((cb) =>
    cb instanceof Callback ? cb : new LambdaCallback(cb),
  );
  const callbacks = new CallbackList([
    ...user,
    ...(verbose > 0 ? [new ProgbarLogger({ verbose })] : []),
  ]);
  callbacks.setModel(model);
  callbacks.setParams({ epochs: 1, steps: source.steps, verbose });
  const logs = await runTestLoop(model, source, callbacks);
  return model
    .getCompiled('evaluate')
    .logNames()
    .map((name) => logs[name]!);
}

/**
 * Runs the test loop over `source` (metrics are reset first) and returns the logs, with
 * `prefix` on every key (`val_` during `fit`).
 */
export async function runTestLoop(
  model: Model,
  source: BatchSource,
  callbacks: CallbackList | null,
  prefix = '',
): Promise<Logs> {
  source.startEpoch();
  let tracker: LossTracker | null = null;
  const wantsBatchEnd = callbacks?.has('onTestBatchEnd') ?? false;
  await callbacks?.call('onTestBegin', {});
  for (let step = 0; ; step++) {
    let batch = source.next();
    if (batch instanceof Promise) batch = await batch;
    if (batch === null) break;
    const size = batch.xs[0]!.shape[0]!;
    let loss: number;
    try {
      if (!tracker) {
        model.ensureGraph(batch.xs);
        const compiled = model.getCompiled('evaluate');
        compiled.resetMetrics();
        tracker = new LossTracker(compiled);
      }
      loss = testStep(model, model.getCompiled('evaluate'), batch, tracker.parts);
    } finally {
      source.release(batch);
    }
    tracker.add(loss, size);
    if (wantsBatchEnd) await callbacks!.call('onTestBatchEnd', step, tracker.logs());
  }
  if (!tracker) throw new NablaError('evaluate', 'there is no data to evaluate');
  const logs = tracker.logs(prefix);
  await callbacks?.call('onTestEnd', logs);
  return logs;
}
