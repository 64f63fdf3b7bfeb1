/** The layer classes model configs can name by default. */
import { Dense } from '../nn/layers/dense.js';
import { InputLayer } from '../nn/layers/input-layer.js';
import type { ClassRegistry } from './from-config.js';

/** Built-in layer classes by Keras class name. */
export function defaultClasses(): ClassRegistry {
  return { Dense, InputLayer };
}
