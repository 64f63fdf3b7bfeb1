/**
 * A compiled model's training setup as JSON (optimizer, losses, metrics, loss weights) and back.
 * Resolving is split from compiling so that a file naming an unknown loss is refused before any
 * layer is built.
 */
import { NablaError } from '../core/errors.js';
import { getLoss, serializeLoss, type Loss } from '../losses/index.js';
import { getMetric, serializeMetric, type Metric } from '../metrics/index.js';
import { getOptimizer, serializeOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Model } from '../models/model.js';
import type { ClassConfig, TrainingConfig } from './header.js';

/**
 * The training config of a compiled model, or null when it is not compiled or not built yet
 * (its losses are only resolved against its outputs once it is built).
 */
export function trainingConfigOf(model: Model): TrainingConfig | null {
  if (!model.optimizer || !model.graphOrNull) return null;
  const compiled = model.getCompiled('save');
  return {
    optimizer: serializeOptimizer(compiled.optimizer),
    loss: compiled.losses.map((l) => (l ? serializeLoss(l) : null)),
    metrics: compiled.metrics.map((list) => list.map((m) => serializeMetric(m))),
    lossWeights: [...compiled.lossWeights],
  };
}

/** A training config resolved to objects, ready for `compile`. */
export interface ResolvedTraining {
  optimizer: Optimizer;
  losses: (Loss | null)[];
  metrics: ClassConfig[][];
  lossWeights: number[];
}

/**
 * Builds the optimizer and losses a training config names, and checks the metrics' names.
 * Throws one clear error naming what could not be resolved.
 */
export function resolveTraining(
  training: TrainingConfig,
  op: string,
  source: string,
): ResolvedTraining {
  const fail = (why: string): never => {
    throw new NablaError(
      op,
      `${source}: cannot restore the training config: ${why}; register it ` +
        '(registerLoss, registerMetric, registerOptimizer) or load with { compile: false }',
    );
  };
  const lossList = Array.isArray(training.loss) ? training.loss : [training.loss];
  const metricLists = Array.isArray(training.metrics)
    ? (training.metrics as ClassConfig[][])
    : lossList.map(() => []);
  let optimizer: Optimizer | null = null;
  try {
    optimizer = getOptimizer(training.optimizer);
    const losses = lossList.map((l) => (l === null ? null : getLoss(l as ClassConfig)));
    // Built once here only to check the names; compile builds the real ones with their context.
    for (const list of metricLists) for (const m of list) getMetric(m);
    const lossWeights = Array.isArray(training.lossWeights)
      ? (training.lossWeights as number[])
      : lossList.map(() => 1);
    return { optimizer, losses, metrics: metricLists, lossWeights };
  } catch (err) {
    optimizer?.dispose();
    if (!(err instanceof Error)) throw err;
    return fail(err.message);
  }
}

/** Compiles `model` with a resolved training config. */
export function compileFromTraining(model: Model, training: ResolvedTraining): void {
  const outputs = model.outputs;
  const metrics: Metric[][] = training.metrics.map((list, i) => {
    const context = { lossName: training.losses[i]?.name, outputShape: outputs[i]?.shape.slice(1) };
    return list.map((m) => getMetric(m, context));
  });
  const single = training.losses.length === 1;
  model.compile({
    optimizer: training.optimizer,
    loss: single ? training.losses[0]! : training.losses,
    metrics: single ? metrics[0] : metrics,
    lossWeights: training.lossWeights,
  });
}
