/** `trainOnBatch`, `testOnBatch` and `predictOnBatch`: one step on one batch, no loop. */
import type { Tensor } from '../tensor/index.js';
import { sampleCount, toList, type TensorData } from './data-adapter.js';
import type { Model } from './model.js';
import { LossTracker, predictStep, testStep, trainStep } from './train-step.js';

function batchOf(model: Model, op: string, x: TensorData, y: TensorData, sampleWeight?: Tensor) {
  if (model.graphOrNull === null) model.ensureGraph(toList(x, ['input'], 'x', op));
  const xs = toList(x, model.inputNames, 'x', op);
  const ys = toList(y, model.outputNames, 'y', op);
  model.checkInputs(
    xs.map((t) => t.shape),
    op,
  );
  const groups: [string, Tensor[]][] = [
    ['x', xs],
    ['y', ys],
  ];
  if (sampleWeight) groups.push(['sampleWeight', [sampleWeight]]);
  sampleCount(op, ...groups);
  return { xs, ys, sampleWeight: sampleWeight ?? null };
}

/** One optimizer step; returns `[loss, ...]` for this batch (metrics reset first, as Keras). */
export function trainOnBatch(
  model: Model,
  x: TensorData,
  y: TensorData,
  sampleWeight?: Tensor,
): number[] {
  const batch = batchOf(model, 'trainOnBatch', x, y, sampleWeight);
  const compiled = model.getCompiled('trainOnBatch');
  compiled.resetMetrics();
  const tracker = new LossTracker(compiled);
  const variables = model.trainableWeights.map((w) => w.value);
  const loss = trainStep(model, compiled, variables, batch, tracker.parts);
  tracker.add(loss, batch.xs[0]!.shape[0]!);
  const logs = tracker.logs();
  return compiled.logNames().map((n) => logs[n]!);
}

/** Loss and metrics for this batch, without training. */
export function testOnBatch(
  model: Model,
  x: TensorData,
  y: TensorData,
  sampleWeight?: Tensor,
): number[] {
  const batch = batchOf(model, 'testOnBatch', x, y, sampleWeight);
  const compiled = model.getCompiled('testOnBatch');
  compiled.resetMetrics();
  const tracker = new LossTracker(compiled);
  const loss = testStep(model, compiled, batch, tracker.parts);
  tracker.add(loss, batch.xs[0]!.shape[0]!);
  const logs = tracker.logs();
  return compiled.logNames().map((n) => logs[n]!);
}

/** The outputs for this batch (a list for multi-output models). */
export function predictOnBatch(model: Model, x: TensorData): Tensor | Tensor[] {
  if (model.graphOrNull === null) model.ensureGraph(toList(x, ['input'], 'x', 'predictOnBatch'));
  const xs = toList(x, model.inputNames, 'x', 'predictOnBatch');
  model.checkInputs(
    xs.map((t) => t.shape),
    'predictOnBatch',
  );
  const outputs = predictStep(model, xs);
  return outputs.length === 1 ? outputs[0]! : outputs;
}
