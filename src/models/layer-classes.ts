/** The layer classes model configs can name by default: every built-in layer. */
import { LAYER_CLASSES } from '../nn/layers/index.js';
import type { ClassRegistry } from './from-config.js';

/** Built-in layer classes by Keras class name (a fresh copy callers may extend). */
export function defaultClasses(): ClassRegistry {
  return { ...LAYER_CLASSES };
}
