/**
 * `Model`: layers joined into a graph (the functional API), itself a `Layer` so that models nest
 * (transfer learning). Training (`compile`, `fit`, `evaluate`, `predict`) lives in the files
 * beside this one; this file holds the structure: graph, layers, weights, summary and config.
 */
import { NablaError } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';
import {
  Layer,
  uniqueName,
  type CallOptions,
  type LayerWeight,
  type ShapeOrShapes,
  type Tensors,
} from '../nn/layer.js';
import type { LayerShape, SymbolicTensor } from '../nn/symbolic.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { History } from '../callbacks/history.js';
import { buildGraph, runGraph, type Graph } from './graph.js';
import { fmtLayerShape, shapeMatches } from './shapes.js';
import { summarize, type SummaryOptions } from './summary.js';
import { compileModel, type CompileArgs, type CompiledState } from './compile.js';
import { fitModel, type FitDataset, type FitOptions } from './fit.js';
import { evaluateModel, type EvaluateOptions } from './evaluate.js';
import { predictModel, type PredictOptions } from './predict.js';
import { predictOnBatch, testOnBatch, trainOnBatch } from './on-batch.js';
import { functionalConfig } from './model-config.js';
import { functionalFromConfig, type ClassRegistry } from './from-config.js';
import { defaultClasses } from './layer-classes.js';
import type { TensorData } from './data-adapter.js';
import { modelSaver } from './persistence.js';

/** Symbolic tensors: one, a list, or named (names become input/output names). */
export type SymbolicStructure = SymbolicTensor | SymbolicTensor[] | Record<string, SymbolicTensor>;

/** Options every model accepts. */
export interface ModelBaseArgs {
  /** Default `functional`, `functional_1`, … (`sequential`, … for Sequential). */
  name?: string;
  trainable?: boolean;
}

/** Arguments of `nb.model`. */
export interface ModelArgs extends ModelBaseArgs {
  inputs: SymbolicStructure;
  outputs: SymbolicStructure;
}

function flatten(s: SymbolicStructure): [SymbolicTensor[], string[] | null] {
  if (Array.isArray(s)) return [s, null];
  if (s !== null && typeof s === 'object' && !('node' in s))
    return [Object.values(s), Object.keys(s)];
  return [[s as SymbolicTensor], null];
}

/**
 * A model: the graph from `inputs` to `outputs`, trainable with `compile` / `fit`.
 * Multi-input and multi-output models take and return lists (or maps by input/output name).
 * Any symbolic tensor of a built model can be an output of a new model that shares its layers
 * (a feature extractor).
 *
 * @example
 * const input = nb.input({ shape: [784] });
 * const hidden = nb.layers.dense({ units: 32, activation: 'relu' }).apply(input);
 * const output = nb.layers.dense({ units: 10, activation: 'softmax' }).apply(hidden);
 * const m = nb.model({ inputs: input, outputs: output });
 */
export class Model extends Layer {
  readonly className: string = 'Functional';
  /** Set to true (by a callback) to end `fit` after the current batch. */
  stopTraining = false;
  /** The History of the last `fit`. */
  history: History | null = null;
  private compileArgs: CompileArgs | null = null;
  private compiledState: CompiledState | null = null;
  private compiledOptimizer: Optimizer | null = null;
  /** @internal The graph; null only for a Sequential model that is not built yet. */
  protected graph: Graph | null = null;
  private inputNameList: string[] | null = null;
  private outputNameList: string[] | null = null;

  constructor(args: ModelArgs | ModelBaseArgs) {
    super({
      name: args.name ?? (new.target === Model ? uniqueName('functional') : undefined),
      trainable: args.trainable,
    });
    if (!('inputs' in args)) return; // Sequential builds its graph later
    const [inputs, inNames] = flatten(args.inputs);
    const [outputs, outNames] = flatten(args.outputs);
    this.setGraph(buildGraph(inputs, outputs, this.name), inNames, outNames);
  }

  /** @internal Installs the graph (Sequential calls this when it builds). */
  protected setGraph(
    graph: Graph | null,
    inputNames: string[] | null = null,
    outputNames: string[] | null = null,
  ): void {
    this.graph = graph;
    this.inputNameList = inputNames;
    this.outputNameList = outputNames;
    this.built = graph !== null;
  }

  /** The symbolic inputs. */
  get inputs(): readonly SymbolicTensor[] {
    return this.requireGraph('inputs').inputs;
  }

  /** The symbolic outputs. */
  get outputs(): readonly SymbolicTensor[] {
    return this.requireGraph('outputs').outputs;
  }

  /** Input names: keys of a named `inputs`, else the input layers' names. */
  get inputNames(): string[] {
    return this.inputNameList ?? this.inputs.map((t) => t.sourceLayer.name);
  }

  /** Output names: keys of a named `outputs`, else the producing layers' names. */
  get outputNames(): string[] {
    return this.outputNameList ?? this.outputs.map((t) => t.sourceLayer.name);
  }

  /** The layers in graph order, input layers first. */
  get layers(): Layer[] {
    return this.graph ? [...this.graph.layers] : [];
  }

  /** @internal The graph, for summary and config. */
  get graphOrNull(): Graph | null {
    return this.graph;
  }

  /** A layer by name or by index in `layers`. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      const layer = layers[nameOrIndex];
      if (!layer)
        throw new NablaError(
          `${this.name}.getLayer`,
          `index ${nameOrIndex} is out of range for ${layers.length} layers`,
        );
      return layer;
    }
    const layer = layers.find((l) => l.name === nameOrIndex);
    if (!layer) {
      throw new NablaError(
        `${this.name}.getLayer`,
        `no layer named '${nameOrIndex}' (layers: ${layers.map((l) => l.name).join(', ')})`,
      );
    }
    return layer;
  }

  protected requireGraph(what: string): Graph {
    if (!this.graph) {
      throw new NablaError(
        `${this.name}.${what}`,
        'the model is not built yet: give the first layer an inputShape, or call build(), fit() or predict() first',
      );
    }
    return this.graph;
  }

  /** @internal Builds the graph from the first concrete inputs if needed (Sequential). */
  ensureGraph(_inputs: readonly Tensor[]): Graph {
    return this.requireGraph('call');
  }

  /** @internal Runs the model on a list of inputs, returning a list of outputs. */
  forward(inputs: readonly Tensor[], options: CallOptions): Tensor[] {
    return runGraph(this.ensureGraph(inputs), inputs, options);
  }

  /**
   * Checks concrete or symbolic input shapes against the model's inputs: the count, the rank
   * and every known dimension. The error names both shapes.
   */
  checkInputs(shapes: readonly (readonly (number | null)[])[], op = this.name): void {
    const graph = this.requireGraph(op);
    if (shapes.length !== graph.inputs.length) {
      throw new NablaError(
        op,
        `the model has ${graph.inputs.length} input(s) (${this.inputNames.join(', ')}), got ${shapes.length}`,
      );
    }
    graph.inputs.forEach((t, i) => {
      const shape = shapes[i]!;
      if (!shapeMatches(t.shape, shape)) {
        throw new NablaError(
          op,
          `input '${this.inputNames[i]}' expects shape ${fmtLayerShape(t.shape)}, got ${fmtLayerShape(shape)}`,
        );
      }
    });
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (!this.graph) return;
    const list =
      this.graph.inputs.length === 1 ? [inputShape as LayerShape] : (inputShape as LayerShape[]);
    this.checkInputs(list);
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const outs = this.forward(Array.isArray(inputs) ? inputs : [inputs], options);
    return outs.length === 1 ? outs[0]! : outs;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const graph = this.requireGraph('computeOutputShape');
    const first =
      graph.inputs.length === 1 ? (inputShape as LayerShape) : (inputShape as LayerShape[])[0]!;
    const shapes = graph.outputs.map((t) => [first[0] ?? null, ...t.shape.slice(1)]);
    return shapes.length === 1 ? shapes[0]! : shapes;
  }

  override get trainable(): boolean {
    return super.trainable;
  }
  /** Freezes or unfreezes the model and, as in Keras, every layer inside it. */
  override set trainable(value: boolean) {
    super.trainable = value;
    for (const layer of this.layers) layer.trainable = value;
  }

  override get weightRecords(): LayerWeight[] {
    return unique(this.layers.flatMap((l) => l.weightRecords));
  }

  override get trainableWeights(): LayerWeight[] {
    return this.trainable ? unique(this.layers.flatMap((l) => l.trainableWeights)) : [];
  }

  override get nonTrainableWeights(): LayerWeight[] {
    return this.trainable
      ? unique(this.layers.flatMap((l) => l.nonTrainableWeights))
      : this.weightRecords;
  }

  /** All weights in layer order (each layer's own order), as Keras 3 lists them. */
  override get weights(): LayerWeight[] {
    return unique(this.layers.flatMap((l) => l.weights));
  }

  override regularizationLoss(): Tensor | null {
    if (!this.trainable) return null;
    let total: Tensor | null = null;
    for (const layer of this.layers) {
      const penalty = layer.regularizationLoss();
      if (penalty) total = total ? total.add(penalty) : penalty;
    }
    return total;
  }

  override clearLosses(): void {
    for (const layer of this.layers) layer.clearLosses();
  }

  override applyConstraints(): void {
    for (const layer of this.layers) layer.applyConstraints();
  }

  /** Frees every layer's weights and the optimizer's state. */
  override dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.compiledOptimizer?.dispose();
    super.dispose();
  }

  /**
   * Writes the model (architecture, weights and, by default, the optimizer state, so training
   * resumes exactly) to a file path or a storage URL, atomically. Load it with `nb.loadModel`.
   */
  async save(target: string, options: { includeOptimizer?: boolean } = {}): Promise<void> {
    await modelSaver()(this, target, options);
  }

  /** A Keras-style table of layers, output shapes and parameter counts; printed and returned. */
  summary(options: SummaryOptions = {}): string {
    return summarize(this, options);
  }

  override getConfig(): Record<string, unknown> {
    return functionalConfig(this);
  }

  /**
   * Rebuilds a functional model from `getConfig()` (new weights). Custom layers, and
   * `Sequential` models nested inside, are found in `classes`; `nb.modelFromJSON` knows both.
   */
  static override fromConfig<T extends Layer>(
    this: new (config: never) => T,
    config: Record<string, unknown>,
    classes: ClassRegistry = {},
  ): T {
    const registry = { ...defaultClasses(), Functional: Model, ...classes };
    return functionalFromConfig(config, registry, (args) => new Model(args)) as unknown as T;
  }

  /** `{className, config}`, the form model files store. */
  toJSON(): { className: string; config: Record<string, unknown> } {
    return { className: this.className, config: this.getConfig() };
  }

  /** The optimizer given to `compile`, or null. */
  get optimizer(): Optimizer | null {
    return this.compiledOptimizer;
  }

  /**
   * Configures training: optimizer, loss (one per output) and metrics. A Sequential model
   * without an input shape resolves losses and metrics when it is built.
   */
  compile(args: CompileArgs): void {
    if (!args || args.loss === undefined || args.loss === null) {
      throw new NablaError(
        'compile',
        "a loss is required, e.g. compile({ optimizer: 'adam', loss: 'meanSquaredError' })",
      );
    }
    this.compiledOptimizer = getOptimizer(args.optimizer ?? 'rmsprop');
    this.compileArgs = args;
    this.compiledState = null;
    if (this.graph) this.compiledState = compileModel(this, args, this.compiledOptimizer);
  }

  /** @internal The resolved compile state; throws if `compile` was not called. */
  getCompiled(op: string): CompiledState {
    if (!this.compileArgs || !this.compiledOptimizer) {
      throw new NablaError(
        `${this.name}.${op}`,
        `the model must be compiled first: call model.compile({ optimizer, loss }) before ${op}()`,
      );
    }
    this.compiledState ??= compileModel(this, this.compileArgs, this.compiledOptimizer);
    return this.compiledState;
  }

  /** @internal Forgets resolved losses and metrics after the outputs change (Sequential). */
  protected invalidateCompiled(): void {
    this.compiledState = null;
  }

  /** Trains for `epochs` passes over `x`/`y` (or over a dataset of batches). */
  fit(x: TensorData, y: TensorData, options?: FitOptions): Promise<History>;
  fit(dataset: FitDataset, options?: FitOptions): Promise<History>;
  fit(a: TensorData | FitDataset, b?: TensorData | FitOptions, c?: FitOptions): Promise<History> {
    return fitModel(this, a, b, c);
  }

  /** `[loss, ...metrics]` over the data, in `metricsNames` order (always an array; see TSDoc). */
  evaluate(x: TensorData, y: TensorData, options?: EvaluateOptions): Promise<number[]>;
  evaluate(dataset: FitDataset, options?: EvaluateOptions): Promise<number[]>;
  evaluate(
    a: TensorData | FitDataset,
    b?: TensorData | EvaluateOptions,
    c?: EvaluateOptions,
  ): Promise<number[]> {
    return evaluateModel(this, a, b, c);
  }

  /** The log names `evaluate` reports, in order: `loss`, then per-output losses and metrics. */
  get metricsNames(): string[] {
    return this.compileArgs && this.graph ? this.getCompiled('metricsNames').logNames() : [];
  }

  /** Outputs for `x`, computed in batches and concatenated (a list for multi-output models). */
  predict(x: TensorData, options?: PredictOptions): Tensor | Tensor[] {
    return predictModel(this, x, options);
  }

  /** One optimizer step on one batch; returns `[loss, ...metrics]` for that batch. */
  trainOnBatch(x: TensorData, y: TensorData, sampleWeight?: Tensor): number[] {
    return trainOnBatch(this, x, y, sampleWeight);
  }

  /** Loss and metrics on one batch, without training. */
  testOnBatch(x: TensorData, y: TensorData, sampleWeight?: Tensor): number[] {
    return testOnBatch(this, x, y, sampleWeight);
  }

  /** Outputs for one batch. */
  predictOnBatch(x: TensorData): Tensor | Tensor[] {
    return predictOnBatch(this, x);
  }
}

function unique(records: LayerWeight[]): LayerWeight[] {
  const seen = new Set<Tensor>();
  return records.filter((w) => !seen.has(w.value) && seen.add(w.value) !== undefined);
}

/** Creates a functional model from symbolic inputs and outputs. */
export function model(args: ModelArgs): Model {
  return new Model(args);
}
