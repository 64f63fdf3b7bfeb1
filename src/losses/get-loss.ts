/** Losses by name or serialised config, and back: what `compile({ loss })` and model files use. */
import { NablaError } from '../core/errors.js';
import { Loss, type LossFn } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCosh } from './log-cosh.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson } from './poisson.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';

/** A loss as written in `compile`, or as stored by `serializeLoss`. */
export type LossIdentifier = string | Loss | LossFn | SerializedLoss;

/** The stored form of a loss. Keras's `class_name` and snake_case config keys are read too. */
export interface SerializedLoss {
  className: string;
  config?: Record<string, unknown>;
}

type LossConfigRecord = Record<string, unknown>;
type Factory = (config: LossConfigRecord) => Loss | LossFn;

/** Each built-in loss: its class name, then the other names it answers to (camelCase). */
const BUILT_INS: [string, Factory, string[]][] = [
  ['MeanSquaredError', (c) => new MeanSquaredError(c), ['meanSquaredError', 'mse']],
  ['MeanAbsoluteError', (c) => new MeanAbsoluteError(c), ['meanAbsoluteError', 'mae']],
  [
    'MeanAbsolutePercentageError',
    (c) => new MeanAbsolutePercentageError(c),
    ['meanAbsolutePercentageError', 'mape'],
  ],
  [
    'MeanSquaredLogarithmicError',
    (c) => new MeanSquaredLogarithmicError(c),
    ['meanSquaredLogarithmicError', 'msle'],
  ],
  ['Huber', (c) => new Huber(c), ['huber', 'huberLoss']],
  ['LogCosh', (c) => new LogCosh(c), ['logCosh']],
  ['BinaryCrossentropy', (c) => new BinaryCrossentropy(c), ['binaryCrossentropy']],
  ['CategoricalCrossentropy', (c) => new CategoricalCrossentropy(c), ['categoricalCrossentropy']],
  [
    'SparseCategoricalCrossentropy',
    (c) => new SparseCategoricalCrossentropy(c),
    ['sparseCategoricalCrossentropy'],
  ],
  [
    'KLDivergence',
    (c) => new KLDivergence(c),
    ['kullbackLeiblerDivergence', 'klDivergence', 'kld'],
  ],
  ['Poisson', (c) => new Poisson(c), ['poisson']],
  ['CosineSimilarity', (c) => new CosineSimilarity(c), ['cosineSimilarity']],
  ['Hinge', (c) => new Hinge(c), ['hinge']],
  ['SquaredHinge', (c) => new SquaredHinge(c), ['squaredHinge']],
  ['CategoricalHinge', (c) => new CategoricalHinge(c), ['categoricalHinge']],
];

/** Names are matched without case or underscores: `mean_squared_error` = `meanSquaredError`. */
function key(name: string): string {
  return name.replaceAll('_', '').toLowerCase();
}

const registry = new Map<string, Factory>();
for (const [className, factory, names] of BUILT_INS) {
  for (const name of [className, ...names]) registry.set(key(name), factory);
}
const custom = new Map<string, Factory>();

/**
 * Makes a custom loss loadable by name: `getLoss('myLoss')` and model files that stored it
 * (under its class name, or its `name` for a wrapped function) then find it.
 */
export function registerLoss(
  name: string,
  factory: (config: LossConfigRecord) => Loss | LossFn,
): void {
  custom.set(key(name), factory);
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Reads a Keras or nabla config: camelCase keys, Keras's reduction spellings. */
function readConfig(config: LossConfigRecord | undefined): LossConfigRecord {
  const out: LossConfigRecord = {};
  for (const [k, v] of Object.entries(config ?? {})) out[snakeToCamel(k)] = v;
  // Keras writes None for no reduction, 'auto' (Keras 2) and 'mean' for the default.
  if (out.reduction === null) out.reduction = 'none';
  else if (out.reduction === 'auto' || out.reduction === 'mean') delete out.reduction;
  else if (typeof out.reduction === 'string') out.reduction = snakeToCamel(out.reduction);
  return out;
}

function make(factory: Factory, config: LossConfigRecord): Loss {
  const made = factory(config);
  if (made instanceof Loss) return made;
  return new LossFunctionWrapper(made, config);
}

function unknown(name: string): NablaError {
  const known = BUILT_INS.flatMap(([, , names]) => names).join(', ');
  const hint = 'custom losses need registerLoss';
  return new NablaError('getLoss', `unknown loss '${name}' (known: ${known}; ${hint})`);
}

/**
 * Resolves a loss: a `Loss` is returned as is, a function `(yTrue, yPred) → per-sample values` is
 * wrapped, a name (`'categoricalCrossentropy'`, `'CategoricalCrossentropy'`,
 * `'categorical_crossentropy'`, aliases `mse`, `mae`, `mape`, `msle`, `kld`) or a serialised
 * `{ className, config }` builds a new loss.
 *
 * @example getLoss('mse'); getLoss({ className: 'Huber', config: { delta: 2 } });
 */
export function getLoss(identifier: LossIdentifier): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') return new LossFunctionWrapper(identifier);
  if (typeof identifier === 'string') {
    // A registered function keeps the name it was registered under, so that it reloads.
    const registered = custom.get(key(identifier));
    if (registered) return make(registered, { name: identifier });
    const factory = registry.get(key(identifier));
    if (!factory) throw unknown(identifier);
    return make(factory, {});
  }
  if (identifier !== null && typeof identifier === 'object') {
    const raw = identifier as unknown as Record<string, unknown>;
    const className = raw.className ?? raw.class_name;
    if (typeof className !== 'string') {
      throw new NablaError('getLoss', 'a serialised loss needs a className');
    }
    const config = readConfig(raw.config as LossConfigRecord | undefined);
    // A wrapped function is stored under its name.
    const wrapped = className === 'LossFunctionWrapper' && typeof config.name === 'string';
    const byName = wrapped ? (config.name as string) : className;
    const factory = custom.get(key(byName)) ?? registry.get(key(byName));
    if (!factory) throw unknown(byName);
    return make(factory, config);
  }
  throw new NablaError('getLoss', `cannot interpret ${String(identifier)} as a loss`);
}

/** The stored form of a loss: `{ className, config }`, read back by `getLoss`. */
export function serializeLoss(loss: Loss): SerializedLoss {
  return { className: loss.className, config: loss.getConfig() };
}
