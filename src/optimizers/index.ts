/**
 * Optimizers and learning-rate schedules, by class, by camelCase factory
 * (`nb.optimizers.adam({ learningRate: 1e-3 })`) or by name (`getOptimizer('adam')`).
 */
import { NablaError } from '../core/errors.js';
import { Adadelta, type AdadeltaConfig } from './adadelta.js';
import { Adagrad, type AdagradConfig } from './adagrad.js';
import { Adam, type AdamConfig } from './adam.js';
import { Adamax, type AdamaxConfig } from './adamax.js';
import { AdamW, type AdamWConfig } from './adamw.js';
import { Nadam, type NadamConfig } from './nadam.js';
import { Optimizer, type LearningRateSchedule } from './optimizer.js';
import { RMSprop, type RMSpropConfig } from './rmsprop.js';
import { getSchedule, type SerializedSchedule } from './schedules/index.js';
import { SGD, type SGDConfig } from './sgd.js';

export {
  Optimizer,
  type GradientPair,
  type LearningRateSchedule,
  type OptimizerConfig,
  type OptimizerWeight,
} from './optimizer.js';
export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm, l2Norm } from './clip.js';
export type { SgdUpdateKernel } from './fused.js';
export * as schedules from './schedules/index.js';
export {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  RMSprop,
  SGD,
  type AdadeltaConfig,
  type AdagradConfig,
  type AdamConfig,
  type AdamaxConfig,
  type AdamWConfig,
  type NadamConfig,
  type RMSpropConfig,
  type SGDConfig,
};

/** Gradient descent with optional (Nesterov) momentum; see `SGD`. */
export function sgd(config: SGDConfig = {}): SGD {
  return new SGD(config);
}

/** Adam (optionally AMSGrad); see `Adam`. */
export function adam(config: AdamConfig = {}): Adam {
  return new Adam(config);
}

/** Adam with decoupled weight decay; see `AdamW`. */
export function adamW(config: AdamWConfig = {}): AdamW {
  return new AdamW(config);
}

/** RMSprop (optionally centered, with momentum); see `RMSprop`. */
export function rmsprop(config: RMSpropConfig = {}): RMSprop {
  return new RMSprop(config);
}

/** Adagrad; see `Adagrad`. */
export function adagrad(config: AdagradConfig = {}): Adagrad {
  return new Adagrad(config);
}

/** Adadelta; see `Adadelta`. */
export function adadelta(config: AdadeltaConfig = {}): Adadelta {
  return new Adadelta(config);
}

/** Adamax; see `Adamax`. */
export function adamax(config: AdamaxConfig = {}): Adamax {
  return new Adamax(config);
}

/** Nadam; see `Nadam`. */
export function nadam(config: NadamConfig = {}): Nadam {
  return new Nadam(config);
}

type OptimizerFactory = (config: Record<string, unknown>) => Optimizer;

// Keyed by lower-cased Keras class name, so 'adam', 'Adam' and 'ADAM' all resolve.
const REGISTRY = new Map<string, OptimizerFactory>([
  ['sgd', (c) => new SGD(c)],
  ['adam', (c) => new Adam(c)],
  ['adamw', (c) => new AdamW(c)],
  ['rmsprop', (c) => new RMSprop(c)],
  ['adagrad', (c) => new Adagrad(c)],
  ['adadelta', (c) => new Adadelta(c)],
  ['adamax', (c) => new Adamax(c)],
  ['nadam', (c) => new Nadam(c)],
]);

/** Makes a custom optimizer known to `getOptimizer` under its class name. */
export function registerOptimizer(className: string, factory: OptimizerFactory): void {
  REGISTRY.set(className.toLowerCase(), factory);
}

/** An optimizer's serialisable form. */
export interface SerializedOptimizer {
  className: string;
  config: Record<string, unknown>;
}

/** What `getOptimizer` accepts. */
export type OptimizerIdentifier = string | Optimizer | SerializedOptimizer;

/**
 * Resolves an optimizer: an instance is returned as it is; a name (`'adam'`, `'SGD'`,
 * `'rmsprop'`, any case) gives one with default options; `{className, config}` (from
 * `serializeOptimizer`) rebuilds one, including a serialised learning-rate schedule.
 */
export function getOptimizer(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') return lookup(identifier)({});
  if (identifier && typeof identifier === 'object' && typeof identifier.className === 'string') {
    const config = { ...(identifier.config ?? {}) };
    if (config.learningRate && typeof config.learningRate === 'object') {
      config.learningRate = getSchedule(
        config.learningRate as SerializedSchedule | LearningRateSchedule,
      );
    }
    return lookup(identifier.className)(config);
  }
  throw new NablaError(
    'getOptimizer',
    `expected a name, an Optimizer or {className, config}, got ${String(identifier)}`,
  );
}

function lookup(name: string): OptimizerFactory {
  const factory = REGISTRY.get(name.toLowerCase());
  if (!factory) {
    const known = [...REGISTRY.keys()].join(', ');
    throw new NablaError('getOptimizer', `unknown optimizer '${name}' (known: ${known})`);
  }
  return factory;
}

/** `{className, config}` of an optimizer (its hyperparameters, not its state). */
export function serializeOptimizer(optimizer: Optimizer): SerializedOptimizer {
  return { className: optimizer.className, config: optimizer.getConfig() };
}
