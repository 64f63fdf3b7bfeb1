/** Activation functions by Keras name, for `activation: 'relu'` options and serialisation. */
import { NablaError } from '../core/errors.js';
import * as ops from '../tensor/index.js';
import type { Tensor } from '../tensor/index.js';

/** A function from tensor to tensor used as an activation. */
export type ActivationFn = (x: Tensor) => Tensor;

/** Activation names accepted wherever a layer takes `activation`. */
export type ActivationName =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'logSoftmax'
  | 'leakyRelu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'silu'
  | 'swish'
  | 'softplus'
  | 'softsign'
  | 'hardSigmoid'
  | 'mish'
  | 'exponential';

const ACTIVATIONS: Record<ActivationName, ActivationFn> = {
  linear: (x) => x,
  relu: ops.relu,
  relu6: ops.relu6,
  sigmoid: ops.sigmoid,
  tanh: ops.tanh,
  softmax: (x) => ops.softmax(x, -1),
  logSoftmax: (x) => ops.logSoftmax(x, -1),
  // The function form uses the article's slope 0.01; the LeakyReLU layer defaults to Keras's 0.3.
  leakyRelu: (x) => ops.leakyRelu(x, 0.01),
  elu: (x) => ops.elu(x, 1),
  selu: ops.selu,
  gelu: (x) => ops.gelu(x, false),
  silu: ops.silu,
  swish: ops.silu,
  softplus: ops.softplus,
  softsign: ops.softsign,
  hardSigmoid: ops.hardSigmoid,
  mish: ops.mish,
  exponential: ops.exp,
};

// Keras spells some names in snake_case; accept those too so configs written by Keras load.
const ALIASES: Record<string, ActivationName> = {
  leaky_relu: 'leakyRelu',
  log_softmax: 'logSoftmax',
  hard_sigmoid: 'hardSigmoid',
};

/** Resolves an activation name (or passes a function through). */
export function getActivation(
  activation: ActivationName | ActivationFn | undefined | null,
): ActivationFn {
  if (activation === undefined || activation === null) return ACTIVATIONS.linear;
  if (typeof activation === 'function') return activation;
  const name = ALIASES[activation] ?? activation;
  const fn = ACTIVATIONS[name as ActivationName];
  if (!fn) {
    throw new NablaError(
      'activation',
      `unknown activation '${activation}' (known: ${Object.keys(ACTIVATIONS).join(', ')})`,
    );
  }
  return fn;
}

/** An activation's canonical name, for `getConfig()`; custom functions serialise as their name. */
export function activationName(
  activation: ActivationName | ActivationFn | undefined | null,
): string {
  if (activation === undefined || activation === null) return 'linear';
  if (typeof activation === 'string') return ALIASES[activation] ?? activation;
  return activation.name || 'custom';
}
