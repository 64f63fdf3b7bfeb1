/** Rebuilding any model (functional or Sequential) from `model.toJSON()`. */
import type { Layer } from '../nn/layer.js';
import { defaultClasses } from './layer-classes.js';
import { deserializeLayer, type ClassRegistry } from './from-config.js';
import type { LayerJson } from './model-config.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

/**
 * Creates a model from `{className, config}` (what `toJSON()` returns and model files store):
 * new layers, new weights (load them separately), same architecture and names. Custom layer
 * classes go in `classes`.
 *
 * @example const copy = nb.modelFromJSON(JSON.parse(JSON.stringify(model)));
 */
export function modelFromJSON(json: LayerJson, classes: ClassRegistry = {}): Model {
  const registry: ClassRegistry = {
    ...defaultClasses(),
    Functional: Model,
    Model,
    Sequential,
    ...classes,
  };
  const made: Layer = deserializeLayer(json, registry);
  if (!(made instanceof Model))
    throw new TypeError(`modelFromJSON: '${json.className}' is a layer, not a model`);
  return made;
}
