/**
 * Model configs: what a model file stores about the architecture (not the weights). Layers are
 * `{className, config}`; a functional model also records, for each layer call, which layer
 * outputs it consumed (`[layerName, nodeIndex, tensorIndex]`), as Keras does.
 */
import { NablaError } from '../core/errors.js';
import type { DType } from '../core/dtype.js';
import type { Layer } from '../nn/layer.js';
import type { LayerNode, LayerShape, SymbolicTensor } from '../nn/symbolic.js';
import type { Model } from './model.js';

/** A serialised layer. */
export interface LayerJson {
  className: string;
  config: Record<string, unknown>;
}

/** A reference to a layer output: `[layerName, nodeIndex, tensorIndex]`. */
export type TensorRef = [string, number, number];

/** A layer in a functional config, with the calls that connect it. */
export interface FunctionalLayerJson extends LayerJson {
  name: string;
  /** One entry per call of the layer in this model: the outputs it was called on. */
  inboundNodes: TensorRef[][];
}

function serialize(layer: Layer): LayerJson {
  return { className: layer.className, config: layer.getConfig() };
}

/** The config of a Sequential model: `{name, trainable, layers}` with the input layer first. */
export function sequentialConfig(
  model: Model,
  inputShape: LayerShape | null,
  dtype: DType,
): Record<string, unknown> {
  const layers: LayerJson[] = model.layers.map(serialize);
  if (inputShape) {
    layers.unshift({
      className: 'InputLayer',
      config: {
        name: model.graphOrNull?.inputs[0]?.sourceLayer.name ?? 'input_layer',
        dtype,
        batchShape: [...inputShape],
      },
    });
  }
  return { name: model.name, trainable: model.trainable, layers };
}

/** The config of a functional model: its layers, their connections, and inputs and outputs. */
export function functionalConfig(model: Model): Record<string, unknown> {
  const graph = model.graphOrNull;
  if (!graph) throw new NablaError(`${model.name}.getConfig`, 'the model is not built');
  // Node indices count only this model's calls of each layer, in graph order.
  const nodeIndex = new Map<LayerNode, number>();
  const perLayer = new Map<Layer, number>();
  const index = (node: LayerNode): number => {
    let i = nodeIndex.get(node);
    if (i === undefined) {
      i = perLayer.get(node.layer) ?? 0;
      perLayer.set(node.layer, i + 1);
      nodeIndex.set(node, i);
    }
    return i;
  };
  for (const t of graph.inputs) if (t.node) index(t.node);
  for (const node of graph.nodes) index(node);
  const ref = (t: SymbolicTensor): TensorRef => [
    t.sourceLayer.name,
    t.node ? index(t.node) : 0,
    t.outputIndex,
  ];
  const layers: FunctionalLayerJson[] = graph.layers.map((layer) => ({
    ...serialize(layer),
    name: layer.name,
    inboundNodes: graph.nodes.filter((n) => n.layer === layer).map((n) => n.inputs.map(ref)),
  }));
  return {
    name: model.name,
    trainable: model.trainable,
    layers,
    inputLayers: graph.inputs.map(ref),
    outputLayers: graph.outputs.map(ref),
    inputNames: model.inputNames,
    outputNames: model.outputNames,
  };
}
