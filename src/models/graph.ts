/**
 * The graph of a functional model: the layer calls (nodes) between its symbolic inputs and
 * outputs in execution order, compiled to slot indices so that running it is a flat loop.
 */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import type { CallOptions, Layer } from '../nn/layer.js';
import { SymbolicTensor, type LayerNode } from '../nn/symbolic.js';

/** One layer call: where its inputs are read from and its outputs written to. */
interface Step {
  readonly layer: Layer;
  readonly inSlots: readonly number[];
  readonly outSlots: readonly number[];
  /** Call arguments recorded on the node (e.g. `training: false`), or null. */
  readonly callArgs: CallOptions | null;
}

/** A model's graph, ready to run. */
export interface Graph {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** The nodes that run, each after the nodes producing its inputs. */
  readonly nodes: readonly LayerNode[];
  /** Input layers first (in input order), then every layer in order of first use. */
  readonly layers: readonly Layer[];
  readonly steps: readonly Step[];
  readonly slotCount: number;
  readonly outputSlots: readonly number[];
}

/** Whether a layer is an `InputLayer` (checked by class name to keep the levels independent). */
export function isInputLayer(layer: Layer): boolean {
  return layer.className === 'InputLayer';
}

/**
 * Finds the nodes that lead from `inputs` to `outputs`. Throws, naming the tensor, when an
 * output depends on something that is not among the inputs.
 */
export function buildGraph(
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
  owner: string,
): Graph {
  for (const t of [...inputs, ...outputs]) {
    if (!(t instanceof SymbolicTensor)) {
      throw new NablaError(
        owner,
        'inputs and outputs must be symbolic tensors (from nb.input() and layer.apply())',
      );
    }
  }
  if (inputs.length === 0 || outputs.length === 0)
    throw new NablaError(owner, 'a model needs at least one input and one output');
  const slots = new Map<SymbolicTensor, number>();
  inputs.forEach((t) => {
    if (slots.has(t)) throw new NablaError(owner, `input '${t.name}' is listed twice`);
    slots.set(t, slots.size);
  });
  const nodes: LayerNode[] = [];
  const seen = new Set<LayerNode>();
  const visit = (t: SymbolicTensor, output: SymbolicTensor): void => {
    if (slots.has(t)) return;
    const node = t.node;
    if (!node || node.inputs.length === 0) {
      throw new NablaError(
        owner,
        `graph disconnected: output '${output.name}' depends on '${t.name}' (layer '${t.sourceLayer.name}'), which is not among the model's inputs`,
      );
    }
    if (seen.has(node)) return;
    seen.add(node);
    for (const input of node.inputs) visit(input, output);
    for (const o of node.outputs) slots.set(o, slots.size);
    nodes.push(node);
  };
  for (const o of outputs) visit(o, o);
  const layers: Layer[] = [];
  for (const t of inputs)
    if (isInputLayer(t.sourceLayer) && !layers.includes(t.sourceLayer)) layers.push(t.sourceLayer);
  for (const node of nodes) if (!layers.includes(node.layer)) layers.push(node.layer);
  const names = new Set<string>();
  for (const layer of layers) {
    if (names.has(layer.name))
      throw new NablaError(
        owner,
        `two different layers are named '${layer.name}'; layer names must be unique in a model`,
      );
    names.add(layer.name);
  }
  const steps = nodes.map((node) => ({
    layer: node.layer,
    inSlots: node.inputs.map((t) => slots.get(t)!),
    outSlots: node.outputs.map((t) => slots.get(t)!),
    callArgs: Object.keys(node.callArgs).length > 0 ? (node.callArgs as CallOptions) : null,
  }));
  return {
    inputs,
    outputs,
    nodes,
    layers,
    steps,
    slotCount: slots.size,
    outputSlots: outputs.map((t) => slots.get(t)!),
  };
}

/**
 * Runs the graph on concrete tensors (one per input, in order) and returns one tensor per
 * output. A `training` value recorded on a node (e.g. a frozen base called with
 * `training: false`) wins over the one given here.
 */
export function runGraph(graph: Graph, inputs: readonly Tensor[], options: CallOptions): Tensor[] {
  const values: (Tensor | undefined)[] = new Array(graph.slotCount);
  // Masks (from Embedding with maskZero, Masking, …) flow along with the values they describe.
  let masks: (Tensor | null)[] | null = null;
  for (let i = 0; i < inputs.length; i++) values[i] = inputs[i];
  for (const step of graph.steps) {
    const ins = step.inSlots;
    const single = ins.length === 1;
    const arg = single ? values[ins[0]!]! : ins.map((s) => values[s]!);
    const mask = masks && single ? (masks[ins[0]!] ?? null) : null;
    let callOptions = step.callArgs ? { ...options, ...step.callArgs } : options;
    if (mask) callOptions = { ...callOptions, mask };
    const out = step.layer.apply(arg, callOptions);
    if (Array.isArray(out)) {
      if (out.length !== step.outSlots.length) {
        throw new NablaError(
          step.layer.name,
          `returned ${out.length} outputs where ${step.outSlots.length} were declared`,
        );
      }
      for (let j = 0; j < out.length; j++) values[step.outSlots[j]!] = out[j];
      continue;
    }
    values[step.outSlots[0]!] = out;
    const outMask = step.layer.computeMask(arg, mask);
    if (outMask)
      (masks ??= new Array<Tensor | null>(graph.slotCount).fill(null))[step.outSlots[0]!] = outMask;
  }
  return graph.outputSlots.map((s) => values[s]!);
}
