/**
 * Constraints: projections applied to a weight after each optimizer step (`applyConstraints`).
 * Layers take them as `kernelConstraint`, `biasConstraint`, … by name or object.
 */
import { NablaError } from '../../core/errors.js';
import type { Constraint, ConstraintIdentifier } from './constraint.js';
import { NonNeg } from './non-neg.js';
import { MaxNorm, MinMaxNorm, UnitNorm } from './norms.js';

export type { Constraint, ConstraintIdentifier } from './constraint.js';
export * from './non-neg.js';
export * from './norms.js';

type Make = (config: Record<string, unknown>) => Constraint;

const MAKERS: [string, string, Make][] = [
  ['maxNorm', 'MaxNorm', (c) => new MaxNorm(fromKeras(c))],
  ['nonNeg', 'NonNeg', () => new NonNeg()],
  ['unitNorm', 'UnitNorm', (c) => new UnitNorm(c)],
  ['minMaxNorm', 'MinMaxNorm', (c) => new MinMaxNorm(fromKeras(c))],
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

// Keras files spell the keys max_value / min_value.
function fromKeras(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out;
}

/** Resolves a name (`'nonNeg'`, `'NonNeg'`, `'non_neg'`), an object or `{className, config}`. */
export function getConstraint(identifier: ConstraintIdentifier): Constraint;
export function getConstraint(
  identifier: ConstraintIdentifier | null | undefined,
): Constraint | null;
export function getConstraint(
  identifier: ConstraintIdentifier | null | undefined,
): Constraint | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'string') return make(identifier, {});
  if ('apply' in identifier) return identifier;
  return make(identifier.className, identifier.config ?? {});
}

function make(name: string, config: Record<string, unknown>): Constraint {
  const factory = BY_NAME.get(name);
  if (!factory) {
    const known = MAKERS.map(([camel]) => camel).join(', ');
    throw new NablaError('constraint', `unknown constraint '${name}' (known: ${known})`);
  }
  return factory(config);
}

/** The serialised form `{className, config}`, or null for no constraint. */
export function serializeConstraint(
  constraint: Constraint | null | undefined,
): { className: string; config: Record<string, unknown> } | null {
  if (!constraint) return null;
  return { className: constraint.className, config: constraint.getConfig() };
}
