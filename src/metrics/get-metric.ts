/** Metrics by name, function or serialised config: what `compile({ metrics })` resolves. */
import { NablaError } from '../core/errors.js';
import { Metric, type MetricContext } from './metric.js';
import { Accuracy } from './accuracy.js';
import { AUC } from './auc.js';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { F1Score, FBetaScore } from './f1-score.js';
import { Mean } from './mean.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanMetricWrapper, type MetricFn } from './mean-metric-wrapper.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

/** A metric as written in `compile`, or as stored by `serializeMetric`. */
export type MetricIdentifier = string | Metric | MetricFn | SerializedMetric;

/** The stored form of a metric. Keras's `class_name` and snake_case config keys are read too. */
export interface SerializedMetric {
  className: string;
  config?: Record<string, unknown>;
}

type Config = Record<string, unknown>;
type Factory = (config: Config, context: MetricContext) => Metric;

/** Each built-in metric: its class name, then the other names it answers to (camelCase). */
const BUILT_INS: [string, Factory, string[]][] = [
  ['Accuracy', (c, ctx) => new Accuracy(c, ctx), ['accuracy', 'acc']],
  ['BinaryAccuracy', (c) => new BinaryAccuracy(c), ['binaryAccuracy']],
  ['CategoricalAccuracy', (c) => new CategoricalAccuracy(c), ['categoricalAccuracy']],
  [
    'SparseCategoricalAccuracy',
    (c) => new SparseCategoricalAccuracy(c),
    ['sparseCategoricalAccuracy'],
  ],
  ['TopKCategoricalAccuracy', (c) => new TopKCategoricalAccuracy(c), ['topKCategoricalAccuracy']],
  ['Precision', (c) => new Precision(c), ['precision']],
  ['Recall', (c) => new Recall(c), ['recall']],
  ['AUC', (c) => new AUC(c), ['auc']],
  ['F1Score', (c) => new F1Score(c), ['f1Score']],
  ['FBetaScore', (c) => new FBetaScore(c), ['fBetaScore']],
  ['MeanSquaredError', (c) => new MeanSquaredError(c), ['meanSquaredError', 'mse']],
  ['MeanAbsoluteError', (c) => new MeanAbsoluteError(c), ['meanAbsoluteError', 'mae']],
  ['RootMeanSquaredError', (c) => new RootMeanSquaredError(c), ['rootMeanSquaredError', 'rmse']],
  ['Mean', (c) => new Mean(c), ['mean']],
];

/** Names are matched without case or underscores: `binary_accuracy` = `binaryAccuracy`. */
function key(name: string): string {
  return name.replaceAll('_', '').toLowerCase();
}

const registry = new Map<string, Factory>();
for (const [className, factory, names] of BUILT_INS) {
  for (const name of [className, ...names]) registry.set(key(name), factory);
}
const custom = new Map<string, Factory>();

/** Makes a custom metric loadable by name (and by the class name it serialises under). */
export function registerMetric(name: string, factory: (config: Config) => Metric | MetricFn): void {
  custom.set(key(name), (config) => {
    const made = factory(config);
    return made instanceof Metric ? made : new MeanMetricWrapper(made, config);
  });
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function find(name: string): Factory {
  const factory = custom.get(key(name)) ?? registry.get(key(name));
  if (!factory) {
    const known = BUILT_INS.flatMap(([, , names]) => names).join(', ');
    const hint = 'custom metrics need registerMetric';
    throw new NablaError('getMetric', `unknown metric '${name}' (known: ${known}; ${hint})`);
  }
  return factory;
}

/**
 * Resolves a metric: a `Metric` is returned as is, a function `(yTrue, yPred) → values` becomes a
 * `MeanMetricWrapper`, a name builds a fresh metric (`'accuracy'` is resolved with `context`, see
 * `Accuracy`), and `{ className, config }` restores a serialised one. A metric named as written
 * in lower camelCase or snake_case keeps that name in the logs (`'acc'`, `'mse'`); a class name
 * gives the metric's default name.
 *
 * @example getMetric('accuracy', { lossName: 'categoricalCrossentropy' })
 */
export function getMetric(identifier: MetricIdentifier, context: MetricContext = {}): Metric {
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier);
  if (typeof identifier === 'string') {
    const asWritten = /^[a-z]/.test(identifier) ? { name: identifier } : {};
    return find(identifier)(asWritten, context);
  }
  if (identifier !== null && typeof identifier === 'object') {
    const raw = identifier as unknown as Record<string, unknown>;
    const className = raw.className ?? raw.class_name;
    if (typeof className !== 'string') {
      throw new NablaError('getMetric', 'a serialised metric needs a className');
    }
    const config: Config = {};
    const stored = (raw.config as Config | undefined) ?? {};
    for (const [k, v] of Object.entries(stored)) config[snakeToCamel(k)] = v;
    // A wrapped function is stored under its name.
    const wrapped = className === 'MeanMetricWrapper' && typeof config.name === 'string';
    const byName = wrapped ? (config.name as string) : className;
    return find(byName)(config, context);
  }
  throw new NablaError('getMetric', `cannot interpret ${String(identifier)} as a metric`);
}

/** The stored form of a metric: `{ className, config }`, read back by `getMetric`. */
export function serializeMetric(metric: Metric): SerializedMetric {
  return { className: metric.className, config: metric.getConfig() };
}
