/**
 * Weight initializers, by Keras name. Each takes an optional `seed`: a seeded initializer returns
 * the same values on every call (as in Keras 3); an unseeded one draws from the global generator
 * (`nb.setSeed`).
 */
import { NablaError } from '../../core/errors.js';
import { Constant, IdentityInitializer, Ones, Zeros } from './constant.js';
import type { Initializer, InitializerIdentifier } from './initializer.js';
import { OrthogonalInitializer } from './orthogonal.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
import {
  VarianceScaling,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
} from './variance-scaling.js';

export type { Initializer, InitializerIdentifier } from './initializer.js';
export { computeFans } from './fans.js';
export * from './constant.js';
export * from './orthogonal.js';
export * from './random.js';
export * from './variance-scaling.js';

/** All zeros (alias of `zerosInitializer`, for `nb.initializers.zeros()`). */
export const zeros = (): Zeros => new Zeros();
/** All ones (alias of `onesInitializer`). */
export const ones = (): Ones => new Ones();

type Make = (config: Record<string, unknown>) => Initializer;

// camelCase name and Keras class name for each; snake_case aliases are derived below.
const MAKERS: [string, string, Make][] = [
  ['glorotUniform', 'GlorotUniform', (c) => glorotUniform(c)],
  ['glorotNormal', 'GlorotNormal', (c) => glorotNormal(c)],
  ['heUniform', 'HeUniform', (c) => heUniform(c)],
  ['heNormal', 'HeNormal', (c) => heNormal(c)],
  ['lecunUniform', 'LecunUniform', (c) => lecunUniform(c)],
  ['lecunNormal', 'LecunNormal', (c) => lecunNormal(c)],
  ['varianceScaling', 'VarianceScaling', (c) => new VarianceScaling(c)],
  ['zeros', 'Zeros', () => new Zeros()],
  ['ones', 'Ones', () => new Ones()],
  ['constant', 'Constant', (c) => new Constant(c)],
  ['randomNormal', 'RandomNormal', (c) => new RandomNormal(c)],
  ['randomUniform', 'RandomUniform', (c) => new RandomUniform(c)],
  ['truncatedNormal', 'TruncatedNormal', (c) => new TruncatedNormal(c)],
  ['orthogonal', 'OrthogonalInitializer', (c) => new OrthogonalInitializer(c)],
  ['identity', 'IdentityInitializer', (c) => new IdentityInitializer(c)],
];

const BY_NAME = new Map<string, Make>();
for (const [camel, keras, make] of MAKERS) {
  BY_NAME.set(camel, make);
  BY_NAME.set(keras, make);
  BY_NAME.set(
    camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    make,
  );
}
// Further names Keras accepts.
const ALIASES: Record<string, string> = {
  Orthogonal: 'orthogonal',
  Identity: 'identity',
  uniform: 'randomUniform',
  normal: 'randomNormal',
  zero: 'zeros',
  one: 'ones',
};
for (const [alias, target] of Object.entries(ALIASES)) BY_NAME.set(alias, BY_NAME.get(target)!);

/**
 * Resolves an initializer from a name (`'heNormal'`, `'HeNormal'` or `'he_normal'`), an
 * initializer object (returned as is) or a serialised `{className, config}`.
 */
export function getInitializer(identifier: InitializerIdentifier): Initializer {
  if (typeof identifier === 'string') return make(identifier, {});
  if ('init' in identifier) return identifier;
  return make(identifier.className, identifier.config ?? {});
}

function make(name: string, config: Record<string, unknown>): Initializer {
  const factory = BY_NAME.get(name);
  if (!factory) {
    const known = MAKERS.map(([camel]) => camel).join(', ');
    throw new NablaError('initializer', `unknown initializer '${name}' (known: ${known})`);
  }
  return factory(config);
}

/** The serialised form `{className, config}` of an initializer. */
export function serializeInitializer(init: Initializer): {
  className: string;
  config: Record<string, unknown>;
} {
  return { className: init.className, config: init.getConfig() };
}
