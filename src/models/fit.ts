/**
 * `model.fit`: the epoch loop. Validation split, shuffling, class and sample weights, the
 * callbacks and the logs follow Keras 3.
 */
import { NablaError } from '../core/errors.js';
import { randomFor } from '../core/random.js';
import { slice, type Tensor } from '../tensor/index.js';
import { Callback, CallbackList, type Logs } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import { LambdaCallback, type LambdaCallbackArgs } from '../callbacks/lambda-callback.js';
import { ProgbarLogger } from '../callbacks/progbar-logger.js';
import { ArraySource, DatasetSource, type BatchSource } from './batches.js';
import {
  classWeightsToSampleWeights,
  isDataset,
  isTensorData,
  sampleCount,
  toList,
  type FitDataset,
  type TensorData,
} from './data-adapter.js';
import { runTestLoop } from './evaluate.js';
import type { Model } from './model.js';
import { LossTracker, trainStep } from './train-step.js';

export type { FitDataset } from './data-adapter.js';

/** Options of `fit` (Keras names and defaults). */
export interface FitOptions {
  /** Samples per gradient step (in-memory data). Default 32. */
  batchSize?: number;
  /** Train until this epoch index (with `initialEpoch`, the number of epochs). Default 1. */
  epochs?: number;
  /** 0 silent, 1 progress bar (one line per epoch when not a terminal), 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  /** Callbacks, or plain `{onEpochEnd…}` objects (wrapped in a `LambdaCallback`). */
  callbacks?: (Callback | LambdaCallbackArgs)[];
  /** Fraction of the data (the last samples, before shuffling) held out for validation. */
  validationSplit?: number;
  /** `[x, y]`, `[x, y, sampleWeight]` or a dataset, evaluated after each epoch. */
  validationData?: [TensorData, TensorData] | [TensorData, TensorData, Tensor] | FitDataset;
  /** Reshuffle the training samples before each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling order (default: the global generator, see `nb.setSeed`). */
  seed?: number;
  /** Weight of each class in the loss, e.g. `{0: 1, 1: 5}`; absent classes weigh 1. */
  classWeight?: Record<number, number>;
  /** Weight of each training sample in the loss: `[samples]`. */
  sampleWeight?: Tensor;
  /** Epoch to start from (resuming training). Default 0. */
  initialEpoch?: number;
  /** Batches per epoch (default: the whole data once). */
  stepsPerEpoch?: number;
  /** Batch size for validation (default `batchSize`). */
  validationBatchSize?: number;
  /** Validate every this many epochs. Default 1. */
  validationFreq?: number;
}

/** `fit(x, y, options)` or `fit(dataset, options)`. */
export async function fitModel(
  model: Model,
  a: TensorData | FitDataset,
  b?: TensorData | FitOptions,
  c?: FitOptions,
): Promise<History> {
  const owned: Tensor[] = [];
  try {
    const { options, source, validation } = prepare(model, a, b, c, owned);
    return await runFit(model, options, source, validation);
  } finally {
    for (const t of owned) t.dispose();
  }
}

interface Prepared {
  options: FitOptions;
  source: BatchSource;
  validation: BatchSource | null;
}

function checkPositiveInt(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new NablaError('fit', `${name} must be a positive integer, got ${value}`);
  }
}

function prepare(
  model: Model,
  a: unknown,
  b: unknown,
  c: FitOptions | undefined,
  owned: Tensor[],
): Prepared {
  const fromArrays = isTensorData(a);
  if (!fromArrays && !isDataset(a)) {
    throw new NablaError(
      'fit',
      'expected fit(x, y, options) with tensors, or fit(dataset, options)',
    );
  }
  if (fromArrays && !isTensorData(b))
    throw new NablaError('fit', 'y is missing: call fit(x, y, options)');
  const options: FitOptions = (fromArrays ? c : (b as FitOptions | undefined)) ?? {};
  const batchSize = options.batchSize ?? 32;
  checkPositiveInt('batchSize', batchSize);
  checkPositiveInt('epochs', options.epochs);
  checkPositiveInt('stepsPerEpoch', options.stepsPerEpoch);
  if (options.classWeight && options.sampleWeight) {
    throw new NablaError('fit', 'give classWeight or sampleWeight, not both');
  }
  const validation = options.validationData
    ? validationSource(model, options.validationData, options.validationBatchSize ?? batchSize)
    : null;
  if (!fromArrays) {
    if (options.validationSplit)
      throw new NablaError(
        'fit',
        'validationSplit needs in-memory tensors; give validationData with a dataset',
      );
    const source = new DatasetSource(
      a as FitDataset,
      model.inputNames,
      model.outputNames,
      true,
      'fit',
      options.stepsPerEpoch,
    );
    return { options, source, validation };
  }
  const xData = a as TensorData;
  if (model.graphOrNull === null) model.ensureGraph(toList(xData, ['input'], 'x', 'fit'));
  const xs = toList(xData, model.inputNames, 'x', 'fit');
  const ys = toList(b as TensorData, model.outputNames, 'y', 'fit');
  model.checkInputs(
    xs.map((t) => t.shape),
    'fit',
  );
  const groups: [string, Tensor[]][] = [
    ['x', xs],
    ['y', ys],
  ];
  if (options.sampleWeight) groups.push(['sampleWeight', [options.sampleWeight]]);
  const n = sampleCount('fit', ...groups);
  let weights = options.sampleWeight ?? null;
  if (options.classWeight) {
    if (ys.length > 1)
      throw new NablaError(
        'fit',
        'classWeight is not supported for multi-output models; use sampleWeight',
      );
    weights = classWeightsToSampleWeights(ys[0]!, options.classWeight);
    owned.push(weights);
  }
  let train = { xs, ys, weights, n };
  let heldOut: Prepared['validation'] = validation;
  const split = options.validationSplit ?? 0;
  if (split && !options.validationData) {
    if (!(split > 0 && split < 1))
      throw new NablaError('fit', `validationSplit must be in (0, 1), got ${split}`);
    const at = Math.floor(n * (1 - split));
    if (at === 0 || at === n) {
      throw new NablaError(
        'fit',
        `validationSplit ${split} of ${n} samples leaves an empty training or validation set`,
      );
    }
    const head = (t: Tensor): Tensor => keepOwned(slice(t, [0], [at]), owned);
    const tail = (t: Tensor): Tensor => keepOwned(slice(t, [at]), owned);
    heldOut = new ArraySource(
      xs.map(tail),
      ys.map(tail),
      weights ? tail(weights) : null,
      n - at,
      options.validationBatchSize ?? batchSize,
      null,
    );
    train = { xs: xs.map(head), ys: ys.map(head), weights: weights ? head(weights) : null, n: at };
  }
  const rng = (options.shuffle ?? true) ? randomFor(options.seed) : null;
  const source = new ArraySource(
    train.xs,
    train.ys,
    train.weights,
    train.n,
    batchSize,
    rng,
    options.stepsPerEpoch,
  );
  return { options, source, validation: heldOut };
}

function keepOwned(t: Tensor, owned: Tensor[]): Tensor {
  owned.push(t);
  return t;
}

function validationSource(
  model: Model,
  data: NonNullable<FitOptions['validationData']>,
  batchSize: number,
): BatchSource {
  if (
    Array.isArray(data) &&
    (data.length === 2 || data.length === 3) &&
    isTensorData(data[0]) &&
    isTensorData(data[1])
  ) {
    const xs = toList(data[0], model.inputNames, 'validationData x', 'fit');
    const ys = toList(data[1], model.outputNames, 'validationData y', 'fit');
    const sw = (data[2] as Tensor | undefined) ?? null;
    const n = sampleCount('fit', ['validationData x', xs], ['validationData y', ys]);
    return new ArraySource(xs, ys, sw, n, batchSize, null);
  }
  if (isDataset(data))
    return new DatasetSource(data, model.inputNames, model.outputNames, true, 'fit');
  throw new NablaError('fit', 'validationData must be [x, y], [x, y, sampleWeight] or a dataset');
}

async function runFit(
  model: Model,
  options: FitOptions,
  source: BatchSource,
  validation: BatchSource | null,
): Promise<History> {
  const epochs = options.epochs ?? 1;
  const initialEpoch = options.initialEpoch ?? 0;
  const verbose = options.verbose ?? 1;
  const validationFreq = options.validationFreq ?? 1;
  const history = new History();
  const user = (options.callbacks ?? []).map((cb) =>
    cb instanceof Callback ? cb : new LambdaCallback(cb),
  );
  const progbar = verbose > 0 ? [new ProgbarLogger({ verbose })] : [];
  const callbacks = new CallbackList([...user, ...progbar, history]);
  const wantsBatchBegin = callbacks.has('onBatchBegin');
  const wantsBatchEnd = callbacks.has('onBatchEnd');
  const classWeight = options.classWeight;
  model.history = history;
  model.stopTraining = false;
  callbacks.setModel(model);
  callbacks.setParams({ epochs, steps: source.steps, verbose });
  await callbacks.call('onTrainBegin', {});
  let variables: Tensor[] | null = null;
  let tracker: LossTracker | null = null;
  let epochLogs: Logs = {};
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    source.startEpoch();
    tracker?.reset();
    if (tracker) model.getCompiled('fit').resetMetrics();
    await callbacks.call('onEpochBegin', epoch, {});
    for (let step = 0; ; step++) {
      let batch = source.next();
      if (batch instanceof Promise) batch = await batch;
      if (batch === null) break;
      const size = batch.xs[0]!.shape[0]!;
      if (wantsBatchBegin) await callbacks.call('onBatchBegin', step, { batch: step, size });
      let loss: number;
      let computedWeights: Tensor | null = null;
      try {
        if (!variables) {
          model.ensureGraph(batch.xs);
          variables = startTraining(model);
          tracker = new LossTracker(model.getCompiled('fit'));
        }
        if (classWeight && !batch.sampleWeight) {
          computedWeights = classWeightsToSampleWeights(batch.ys![0]!, classWeight);
          batch.sampleWeight = computedWeights;
        }
        loss = trainStep(model, model.getCompiled('fit'), variables, batch, tracker!.parts);
      } finally {
        source.release(batch);
        computedWeights?.dispose();
      }
      tracker!.add(loss, size);
      if (wantsBatchEnd) await callbacks.call('onBatchEnd', step, tracker!.logs());
      if (model.stopTraining) break;
    }
    if (source.ranOut) {
      console.warn(
        'fit: the dataset ran out of data before stepsPerEpoch batches; stopping (repeat() the dataset to train longer)',
      );
      model.stopTraining = true;
    }
    epochLogs = tracker ? tracker.logs() : {};
    if (validation && tracker && (epoch + 1) % validationFreq === 0) {
      Object.assign(epochLogs, await runTestLoop(model, validation, null, 'val_'));
    }
    await callbacks.call('onEpochEnd', epoch, epochLogs);
  }
  await callbacks.call('onTrainEnd', epochLogs);
  return history;
}

/** Clears stale gradients and returns the variables that training updates. */
function startTraining(model: Model): Tensor[] {
  model.getCompiled('fit').resetMetrics();
  const variables = model.trainableWeights.map((w) => w.value);
  for (const v of variables) v.zeroGrad();
  return variables;
}
