/**
 * Initializers by name. MINIMAL SET — the layers work item completes this file (glorotNormal,
 * he*, lecun*, constant, random*, truncatedNormal, orthogonal, identity).
 */
import { NablaError } from '../../core/errors.js';
import { randomUniform, zeros, ones } from '../../tensor/index.js';
import type { DType } from '../../core/dtype.js';
import type { Initializer, InitializerIdentifier } from './initializer.js';

export type { Initializer, InitializerIdentifier } from './initializer.js';

function fans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

/** Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)). The Dense default. */
export function glorotUniform(config: { seed?: number } = {}): Initializer {
  return {
    className: 'GlorotUniform',
    init(shape: readonly number[], dtype: DType) {
      const [fanIn, fanOut] = fans(shape);
      const limit = Math.sqrt(6 / Math.max(1, fanIn + fanOut));
      return randomUniform(shape, { minval: -limit, maxval: limit, seed: config.seed, dtype });
    },
    getConfig: () => ({ ...(config.seed !== undefined ? { seed: config.seed } : {}) }),
  };
}

/** All zeros. */
export function zerosInitializer(): Initializer {
  return { className: 'Zeros', init: (shape, dtype) => zeros(shape, { dtype }), getConfig: () => ({}) };
}

/** All ones. */
export function onesInitializer(): Initializer {
  return { className: 'Ones', init: (shape, dtype) => ones(shape, { dtype }), getConfig: () => ({}) };
}

const BY_NAME: Record<string, (config: Record<string, unknown>) => Initializer> = {
  glorotUniform: (c) => glorotUniform(c),
  GlorotUniform: (c) => glorotUniform(c),
  zeros: () => zerosInitializer(),
  Zeros: () => zerosInitializer(),
  ones: () => onesInitializer(),
  Ones: () => onesInitializer(),
};

/** Resolves a name, object or serialised `{className, config}` to an initializer. */
export function getInitializer(identifier: InitializerIdentifier): Initializer {
  if (typeof identifier === 'string') {
    const make = BY_NAME[identifier];
    if (!make) throw new NablaError('initializer', `unknown initializer '${identifier}'`);
    return make({});
  }
  if ('init' in identifier) return identifier;
  const make = BY_NAME[identifier.className];
  if (!make) throw new NablaError('initializer', `unknown initializer '${identifier.className}'`);
  return make(identifier.config ?? {});
}

/** The serialised form `{className, config}` of an initializer. */
export function serializeInitializer(init: Initializer): { className: string; config: Record<string, unknown> } {
  return { className: init.className, config: init.getConfig() };
}
