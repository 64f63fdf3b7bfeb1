/** `Sequential`: a plain stack of layers, each feeding the next. */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import { Layer, type ShapeOrShapes } from '../nn/layer.js';
import { input } from '../nn/layers/input-layer.js';
import { SymbolicTensor, type LayerShape } from '../nn/symbolic.js';
import type { DType } from '../core/dtype.js';
import { buildGraph, isInputLayer, type Graph } from './graph.js';
import { Model, type ModelBaseArgs } from './model.js';
import type { TensorData } from './data-adapter.js';
import type { PredictOptions } from './predict.js';
import { sequentialConfig, type LayerJson } from './model-config.js';
import { deserializeLayer, type ClassRegistry } from './from-config.js';
import { defaultClasses } from './layer-classes.js';

/** Arguments of `nb.sequential`. */
export interface SequentialArgs extends ModelBaseArgs {
  layers?: Layer[];
}

/**
 * A model that applies its layers one after another. It builds as soon as its input shape is
 * known: from the first layer's `inputShape`, an `InputLayer` added first, `build(shape)`, or
 * the first data it sees.
 *
 * @example
 * const model = nb.sequential([
 *   nb.layers.dense({ units: 64, activation: 'relu', inputShape: [64] }),
 *   nb.layers.dense({ units: 10, activation: 'softmax' }),
 * ]);
 */
export class Sequential extends Model {
  override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];
  private inputShape: LayerShape | null = null;
  private inputDType: DType = 'float32';

  constructor(args: SequentialArgs | Layer[] = {}) {
    const options = Array.isArray(args) ? { layers: args } : args;
    super({ name: options.name, trainable: options.trainable });
    for (const layer of options.layers ?? []) this.add(layer);
  }

  /** The layers in order (without the input layer), as Keras lists them. */
  override get layers(): Layer[] {
    return [...this.stack];
  }

  override get inputNames(): string[] {
    return this.graph ? super.inputNames : ['input'];
  }

  override get outputNames(): string[] {
    return this.graph ? super.outputNames : [this.stack.at(-1)?.name ?? 'output'];
  }

  /** Appends a layer (an `InputLayer` may come first to fix the input shape). */
  add(layer: Layer): void {
    if (!(layer instanceof Layer))
      throw new NablaError(`${this.name}.add`, `expected a Layer, got ${String(layer)}`);
    if (isInputLayer(layer)) {
      if (this.stack.length > 0 || this.inputShape) {
        throw new NablaError(`${this.name}.add`, 'an InputLayer can only be the first layer');
      }
      this.inputShape = layer.batchInputShape;
      this.inputDType = layer.dtype;
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new NablaError(
        `${this.name}.add`,
        `a layer named '${layer.name}' is already in the model; layer names must be unique`,
      );
    }
    if (this.stack.length === 0 && !this.inputShape) {
      const shape =
        layer.batchInputShape ??
        (layer instanceof Model && layer.graphOrNull ? layer.inputs[0]!.shape : null);
      if (shape) this.inputShape = shape;
    }
    this.stack.push(layer);
    this.invalidateCompiled();
    if (this.graph) {
      this.setGraph(
        buildGraph(this.graph.inputs, [this.applyOne(layer, this.graph.outputs[0]!)], this.name),
      );
    } else if (this.inputShape) {
      this.buildFrom(this.inputShape, this.inputDType);
    }
  }

  /** Removes and returns the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new NablaError(`${this.name}.pop`, 'there are no layers to remove');
    this.invalidateCompiled();
    if (this.graph) {
      // The remaining layers keep their nodes: the new output is the previous layer's.
      const nodes = this.graph.nodes;
      const output =
        this.stack.length > 0 ? nodes[this.stack.length - 1]!.outputs[0]! : this.graph.inputs[0]!;
      this.setGraph(
        this.stack.length > 0 ? buildGraph(this.graph.inputs, [output], this.name) : null,
      );
    }
    return layer;
  }

  /** Builds the model for inputs of `inputShape` (the batch dimension may be null). */
  override build(inputShape: ShapeOrShapes): void {
    if (this.graph) return;
    const shape = inputShape as LayerShape;
    this.buildFrom([null, ...shape.slice(1)], this.inputDType);
  }

  override ensureGraph(inputs: readonly Tensor[]): Graph {
    if (!this.graph) {
      const first = inputs[0];
      if (!first) throw new NablaError(this.name, 'called with no inputs');
      this.buildFrom([null, ...first.shape.slice(1)], first.dtype);
    }
    return this.graph!;
  }

  private buildFrom(batchShape: LayerShape, dtype: DType): void {
    if (this.stack.length === 0) {
      this.inputShape = batchShape;
      return;
    }
    const start = input({ batchShape, dtype });
    let x = start;
    for (const layer of this.stack) x = this.applyOne(layer, x);
    this.inputShape = batchShape;
    this.setGraph(buildGraph([start], [x], this.name));
  }

  private applyOne(layer: Layer, x: SymbolicTensor): SymbolicTensor {
    const out = layer.apply(x);
    if (!(out instanceof SymbolicTensor)) {
      throw new NablaError(
        this.name,
        `layer '${layer.name}' returns several outputs; Sequential layers must have one (use the functional API)`,
      );
    }
    return out;
  }

  override predict(x: TensorData, options?: PredictOptions): Tensor {
    return super.predict(x, options) as Tensor;
  }

  override predictOnBatch(x: TensorData): Tensor {
    return super.predictOnBatch(x) as Tensor;
  }

  override getConfig(): Record<string, unknown> {
    return sequentialConfig(this, this.inputShape, this.inputDType);
  }

  /** Rebuilds a Sequential model from `getConfig()` (new weights). */
  static override fromConfig<T extends Layer>(
    this: new (config: never) => T,
    config: Record<string, unknown>,
    classes: ClassRegistry = {},
  ): T {
    const registry = { ...defaultClasses(), Functional: Model, Sequential, ...classes };
    const layers = ((config['layers'] as LayerJson[] | undefined) ?? []).map((json) =>
      deserializeLayer(json, registry),
    );
    const name = config['name'] as string | undefined;
    return new Sequential({
      name,
      trainable: config['trainable'] as boolean | undefined,
      layers,
    }) as unknown as T;
  }
}

/** Creates a Sequential model from a list of layers. */
export function sequential(layers: Layer[] = [], args: ModelBaseArgs = {}): Sequential {
  return new Sequential({ ...args, layers });
}
