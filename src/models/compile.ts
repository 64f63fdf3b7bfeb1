/**
 * What `compile` resolves: the optimizer, one loss and a list of metrics per output, loss
 * weights, and the Keras log names (`loss`, `dense_1_loss`, `accuracy`, `dense_1_accuracy`).
 */
import { NablaError } from '../core/errors.js';
import { noGrad, type Tensor } from '../tensor/index.js';
import { getLoss, type LossIdentifier } from '../losses/index.js';
import type { Loss } from '../losses/loss.js';
import { getMetric, type MetricIdentifier } from '../metrics/index.js';
import type { Metric } from '../metrics/metric.js';
import type { OptimizerIdentifier } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Logs } from '../callbacks/callback.js';
import type { Model } from './model.js';

export type { LossIdentifier } from '../losses/index.js';
export type { MetricIdentifier } from '../metrics/index.js';

/** Arguments of `compile`. */
export interface CompileArgs {
  /** By name (`'adam'`) or object (`nb.optimizers.adam({ learningRate: 1e-3 })`). */
  optimizer: OptimizerIdentifier;
  /**
   * A loss by name (`'categoricalCrossentropy'`), object or function `(yTrue, yPred) → [batch]`,
   * used for every output; or a list (one per output, null to skip); or a map by output name.
   */
  loss: LossIdentifier | (LossIdentifier | null)[] | Record<string, LossIdentifier | null>;
  /** Metrics for every output, a list of lists (per output), or a map by output name. */
  metrics?:
    | MetricIdentifier[]
    | MetricIdentifier[][]
    | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Weights of the per-output losses in the total (default 1 each). */
  lossWeights?: number[] | Record<string, number>;
}

function perOutput<T>(
  value: T[] | Record<string, T> | T,
  names: readonly string[],
  what: string,
  isSingle: (v: unknown) => boolean,
): (T | undefined)[] {
  if (isSingle(value)) return names.map(() => value as T);
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new NablaError(
        'compile',
        `${what} has ${value.length} entries for ${names.length} outputs (${names.join(', ')})`,
      );
    }
    return value;
  }
  const map = value as Record<string, T>;
  for (const key of Object.keys(map)) {
    if (!names.includes(key))
      throw new NablaError(
        'compile',
        `${what} names '${key}', which is not an output (outputs: ${names.join(', ')})`,
      );
  }
  return names.map((n) => map[n]);
}

/** A single loss (not a list or a map of them): a name, function, object or `{className}`. */
function isLossLike(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'function') return true;
  return (
    v !== null &&
    typeof v === 'object' &&
    ('compute' in v || typeof (v as { className?: unknown }).className === 'string')
  );
}

/** The resolved training configuration of a model. */
export class CompiledState {
  /** Log name of each output's loss (only for multi-output models), null where none. */
  readonly lossNames: (string | null)[];
  /** Log name of each output's metrics. */
  readonly metricNames: string[][];

  constructor(
    readonly optimizer: Optimizer,
    readonly losses: (Loss | null)[],
    readonly lossWeights: number[],
    readonly metrics: Metric[][],
    outputNames: readonly string[],
  ) {
    const multi = outputNames.length > 1;
    this.lossNames = losses.map((l, i) => (l && multi ? `${outputNames[i]}_loss` : null));
    this.metricNames = metrics.map((list, i) =>
      list.map((m) => (multi ? `${outputNames[i]}_${m.name}` : m.name)),
    );
  }

  /** `loss`, the per-output losses, then every metric: the order of `evaluate`'s result. */
  logNames(): string[] {
    return [
      'loss',
      ...this.lossNames.filter((n): n is string => n !== null),
      ...this.metricNames.flat(),
    ];
  }

  /** The weighted sum of the output losses, and each output's (unweighted) loss. */
  computeLoss(
    ys: readonly Tensor[],
    preds: readonly Tensor[],
    sampleWeight: Tensor | null,
  ): { total: Tensor; parts: (Tensor | null)[] } {
    let total: Tensor | null = null;
    const parts = this.losses.map((loss, i) => {
      if (!loss) return null;
      const value = loss.call(ys[i]!, preds[i]!, sampleWeight);
      const weighted = this.lossWeights[i] === 1 ? value : value.mul(this.lossWeights[i]!);
      total = total ? total.add(weighted) : weighted;
      return value;
    });
    if (!total) throw new NablaError('compile', 'no output has a loss');
    return { total, parts };
  }

  /** Accumulates one batch into every metric (no gradients recorded). */
  updateMetrics(
    ys: readonly Tensor[],
    preds: readonly Tensor[],
    sampleWeight: Tensor | null,
  ): void {
    if (this.metrics.every((m) => m.length === 0)) return;
    noGrad(() => {
      this.metrics.forEach((list, i) => {
        for (const m of list) m.updateState(ys[i]!, preds[i]!, sampleWeight);
      });
    });
  }

  resetMetrics(): void {
    for (const list of this.metrics) for (const m of list) m.resetState();
  }

  /** Writes every metric's current value into `logs` under `prefix + name`. */
  writeMetrics(logs: Logs, prefix = ''): void {
    this.metrics.forEach((list, i) => {
      list.forEach((m, j) => {
        logs[prefix + this.metricNames[i]![j]!] = m.result();
      });
    });
  }
}

/** A flat list applies to every output; a list of lists or a map gives each its own. */
function metricsPerOutput(
  metrics: CompileArgs['metrics'],
  names: readonly string[],
): MetricIdentifier[][] {
  if (metrics === undefined) return names.map(() => []);
  if (Array.isArray(metrics)) {
    if (!metrics.some(Array.isArray)) return names.map(() => metrics as MetricIdentifier[]);
    if (metrics.length !== names.length) {
      throw new NablaError(
        'compile',
        `metrics has ${metrics.length} lists for ${names.length} outputs (${names.join(', ')})`,
      );
    }
    return metrics.map((m) => (Array.isArray(m) ? m : [m]));
  }
  return perOutput(metrics, names, 'metrics', () => false).map((m) =>
    m === undefined ? [] : Array.isArray(m) ? m : [m],
  );
}

/** Resolves `compile`'s arguments against the model's outputs. */
export function compileModel(model: Model, args: CompileArgs, optimizer: Optimizer): CompiledState {
  const names = model.outputNames;
  const outputs = model.outputs;
  const losses = perOutput(args.loss, names, 'loss', isLossLike).map((id) =>
    id ? getLoss(id) : null,
  );
  const weights =
    args.lossWeights === undefined
      ? names.map(() => 1)
      : perOutput(args.lossWeights, names, 'lossWeights', (v) => typeof v === 'number');
  const metricIds = metricsPerOutput(args.metrics, names);
  const metrics = metricIds.map((ids, i) => {
    const list = ids ?? [];
    const context = { lossName: losses[i]?.name, outputShape: outputs[i]!.shape.slice(1) };
    return list.map((id) => getMetric(id, context));
  });
  return new CompiledState(
    optimizer,
    losses,
    weights.map((w) => w ?? 1),
    metrics,
    names,
  );
}
