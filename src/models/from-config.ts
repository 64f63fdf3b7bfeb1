/**
 * Rebuilding models from their configs: layers from `{className, config}` through a class
 * registry, and a functional model's graph by replaying each layer call on the recorded inputs.
 */
import { NablaError } from '../core/errors.js';
import type { Layer } from '../nn/layer.js';
import { SymbolicTensor } from '../nn/symbolic.js';
import type { FunctionalLayerJson, LayerJson, TensorRef } from './model-config.js';
import type { ModelArgs } from './model.js';

/** A class a config can name: constructed from its config, or with a static `fromConfig`. */
export type ConfigurableClass =
  | (new (config: never) => Layer)
  | { fromConfig(config: Record<string, unknown>, classes: ClassRegistry): Layer };

/** Class name → class, for rebuilding layers (and nested models) from configs. */
export type ClassRegistry = Readonly<Record<string, ConfigurableClass>>;

/** Creates the layer `json` describes. */
export function deserializeLayer(json: LayerJson, classes: ClassRegistry): Layer {
  if (!json || typeof json.className !== 'string') {
    throw new NablaError('fromConfig', `expected {className, config}, got ${JSON.stringify(json)}`);
  }
  const cls = classes[json.className];
  if (!cls) {
    throw new NablaError(
      'fromConfig',
      `unknown layer class '${json.className}'; pass it in the class registry (known: ${Object.keys(classes).join(', ')})`,
    );
  }
  if ('fromConfig' in cls && typeof cls.fromConfig === 'function')
    return cls.fromConfig(json.config, classes);
  return new (cls as new (config: unknown) => Layer)(json.config);
}

/** Rebuilds a functional model's layers and graph; `make` constructs the model. */
export function functionalFromConfig<M>(
  config: Record<string, unknown>,
  classes: ClassRegistry,
  make: (args: ModelArgs) => M,
): M {
  const layerJsons = config['layers'] as FunctionalLayerJson[] | undefined;
  if (!Array.isArray(layerJsons))
    throw new NablaError('fromConfig', 'a functional config needs a `layers` list');
  const layers = new Map<string, Layer>();
  for (const json of layerJsons)
    layers.set(json.name ?? String(json.config['name']), deserializeLayer(json, classes));
  // Outputs of each replayed call, by `${layer}:${node}`; input layers have node 0 from the start.
  const produced = new Map<string, SymbolicTensor[]>();
  for (const [name, layer] of layers) {
    const own = (layer as { output?: unknown }).output;
    if (layer.className === 'InputLayer' && own instanceof SymbolicTensor)
      produced.set(`${name}:0`, [own]);
  }
  const pending: { layer: Layer; name: string; index: number; refs: TensorRef[] }[] = [];
  for (const json of layerJsons) {
    const name = json.name ?? String(json.config['name']);
    (json.inboundNodes ?? []).forEach((refs, index) =>
      pending.push({ layer: layers.get(name)!, name, index, refs }),
    );
  }
  // Shared layers may be called on tensors produced later in the list: replay until done.
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length; i++) {
      const call = pending[i]!;
      if (!call.refs.every(([l, n]) => produced.has(`${l}:${n}`))) continue;
      const inputs = call.refs.map(([l, n, t]) => produced.get(`${l}:${n}`)![t]!);
      const out = call.layer.apply(inputs.length === 1 ? inputs[0]! : inputs);
      produced.set(`${call.name}:${call.index}`, Array.isArray(out) ? out : [out]);
      pending.splice(i--, 1);
    }
    if (pending.length === before) {
      throw new NablaError(
        'fromConfig',
        `cannot connect layers ${pending.map((p) => p.name).join(', ')}: their inputs are never produced`,
      );
    }
  }
  const resolve = (ref: TensorRef): SymbolicTensor => {
    const t = produced.get(`${ref[0]}:${ref[1]}`)?.[ref[2]];
    if (!t) throw new NablaError('fromConfig', `unknown tensor reference ${JSON.stringify(ref)}`);
    return t;
  };
  const named = (
    refs: TensorRef[],
    names: unknown,
  ): SymbolicTensor[] | Record<string, SymbolicTensor> => {
    const tensors = refs.map(resolve);
    if (
      !Array.isArray(names) ||
      names.length !== tensors.length ||
      names.every((n, i) => n === tensors[i]!.sourceLayer.name)
    )
      return tensors;
    return Object.fromEntries(names.map((n, i) => [String(n), tensors[i]!]));
  };
  return make({
    inputs: named(config['inputLayers'] as TensorRef[], config['inputNames']),
    outputs: named(config['outputLayers'] as TensorRef[], config['outputNames']),
    name: config['name'] as string | undefined,
    trainable: config['trainable'] as boolean | undefined,
  });
}
