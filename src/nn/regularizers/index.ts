/**
 * Weight and activity penalties, added to the training loss. Layers take them as
 * `kernelRegularizer`, `biasRegularizer`, `activityRegularizer`, … by name or object.
 */
import { NablaError } from '../../core/errors.js';
import { L1, L1L2, L2 } from './l1l2.js';
import type { Regularizer, RegularizerIdentifier } from './regularizer.js';

export type { Regularizer, RegularizerIdentifier } from './regularizer.js';
export * from './l1l2.js';

type Make = (config: Record<string, unknown>) => Regularizer;

const BY_NAME: Record<string, Make> = {
  L1: (c) => new L1(c),
  L2: (c) => new L2(c),
  L1L2: (c) => new L1L2(c),
};
// A bare name means Keras's documented defaults: 0.01 for every factor it names.
const BY_STRING: Record<string, () => Regularizer> = {
  l1: () => new L1(),
  l2: () => new L2(),
  l1l2: () => new L1L2({ l1: 0.01, l2: 0.01 }),
  l1_l2: () => new L1L2({ l1: 0.01, l2: 0.01 }),
  L1: () => new L1(),
  L2: () => new L2(),
  L1L2: () => new L1L2({ l1: 0.01, l2: 0.01 }),
};

/** Resolves a name (`'l2'`), a regularizer object or a serialised `{className, config}`. */
export function getRegularizer(identifier: RegularizerIdentifier): Regularizer;
export function getRegularizer(
  identifier: RegularizerIdentifier | null | undefined,
): Regularizer | null;
export function getRegularizer(
  identifier: RegularizerIdentifier | null | undefined,
): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'string') {
    const make = BY_STRING[identifier];
    if (!make) throw unknown(identifier);
    return make();
  }
  if ('call' in identifier) return identifier;
  const make = BY_NAME[identifier.className];
  if (!make) throw unknown(identifier.className);
  return make(identifier.config ?? {});
}

function unknown(name: string): NablaError {
  return new NablaError('regularizer', `unknown regularizer '${name}' (known: l1, l2, l1l2)`);
}

/** The serialised form `{className, config}`, or null for no regularizer. */
export function serializeRegularizer(
  regularizer: Regularizer | null | undefined,
): { className: string; config: Record<string, unknown> } | null {
  if (!regularizer) return null;
  return { className: regularizer.className, config: regularizer.getConfig() };
}
