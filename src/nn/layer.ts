/**
 * The base of every layer: lazy building from the first input shape, weights (trainable or
 * not), the training flag, symbolic application for functional models, and serialisation.
 * Subclasses implement `build`, `call` and `computeOutputShape`, and extend `getConfig`.
 */
import { isFloat, type DType } from '../core/dtype.js';
import { NablaError, fmtShape } from '../core/errors.js';
import { keep, noGrad, Tensor, tidy } from '../tensor/index.js';
import type { Constraint } from './constraints/constraint.js';
import type { Initializer } from './initializers/initializer.js';
import { getRegularizer, serializeRegularizer } from './regularizers/index.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers/regularizer.js';
import { SymbolicTensor, type LayerNode, type LayerShape } from './symbolic.js';

/** Options every layer accepts. */
export interface LayerConfig {
  /** Unique name; generated from the class (`dense`, `dense_1`, …) when omitted. */
  name?: string;
  /** Whether the layer's weights are updated by training (default true). */
  trainable?: boolean;
  /** Input shape without the batch dimension; makes the layer the first of a Sequential model. */
  inputShape?: readonly (number | null)[];
  /** Input shape including the batch dimension (overrides `inputShape`). */
  batchInputShape?: readonly (number | null)[];
  /** Weight dtype (default float32). */
  dtype?: DType;
  /**
   * A penalty on the layer's output, added to the loss. Recorded only for calls with
   * `training: true` (what `fit` makes) and, as in Keras 3, not divided by the batch size.
   */
  activityRegularizer?: RegularizerIdentifier | null;
}

/** Arguments of a layer call beyond its inputs. */
export interface CallOptions {
  /** True during `fit`: dropout drops, batch normalization uses batch statistics. */
  training?: boolean;
  /** Optional boolean mask `[batch, time]` for sequence layers. */
  mask?: Tensor | null;
}

/** One weight of a layer. */
export interface LayerWeight {
  /** Name within the layer, e.g. `kernel`. */
  readonly name: string;
  /** The value: a leaf tensor, updated in place by optimizers and `setWeights`. */
  readonly value: Tensor;
  trainable: boolean;
  readonly regularizer?: Regularizer;
  readonly constraint?: Constraint;
}

/** Options of `addWeight`. */
export interface AddWeightOptions {
  initializer: Initializer;
  trainable?: boolean;
  regularizer?: Regularizer | null;
  constraint?: Constraint | null;
  dtype?: DType;
}

const nameCounters = new Map<string, number>();

/** A fresh Keras-style name: `dense`, then `dense_1`, `dense_2`, … */
export function uniqueName(prefix: string): string {
  const count = nameCounters.get(prefix) ?? 0;
  nameCounters.set(prefix, count + 1);
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/** Restarts generated names (tests, and models rebuilt from config). */
export function resetNames(): void {
  nameCounters.clear();
}

/** Keras's `to_snake_case`: `Conv2D` → `conv2d`, `MaxPooling2D` → `max_pooling2d`. */
export function snakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** A shape or a list of shapes (multi-input layers). */
export type ShapeOrShapes = LayerShape | LayerShape[];

/** Whether a value is a list of shapes rather than one shape. */
export function isShapeList(s: ShapeOrShapes): s is LayerShape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** Input or output of a layer: one tensor or several. */
export type Tensors = Tensor | Tensor[];
/** Symbolic counterpart of `Tensors`. */
export type SymbolicTensors = SymbolicTensor | SymbolicTensor[];

/** The base layer. */
export abstract class Layer {
  /** The Keras class name, used by serialisation. */
  abstract readonly className: string;
  readonly name: string;
  /** Weight dtype. */
  readonly dtype: DType;
  /** The batch input shape given at construction, if any. */
  readonly batchInputShape: LayerShape | null;
  /** Whether `build` has run. */
  built = false;
  /** Calls of this layer on symbolic inputs (one per use in functional models). */
  readonly inboundNodes: LayerNode[] = [];
  /** Penalty on the outputs, recorded by training calls (see `LayerConfig.activityRegularizer`). */
  readonly activityRegularizer: Regularizer | null;
  /**
   * Whether the layer passes an input mask through unchanged (elementwise layers); layers that
   * make or transform masks override `computeMask` instead.
   */
  supportsMasking = false;
  protected readonly weightList: LayerWeight[] = [];
  private activityLosses: Tensor[] = [];
  private trainableFlag: boolean;
  private readonly baseConfig: LayerConfig;

  constructor(config: LayerConfig = {}) {
    this.baseConfig = config;
    this.name = config.name ?? uniqueName(snakeCase(new.target.name));
    this.trainableFlag = config.trainable ?? true;
    this.dtype = config.dtype ?? 'float32';
    if (config.batchInputShape) this.batchInputShape = [...config.batchInputShape];
    else if (config.inputShape) this.batchInputShape = [null, ...config.inputShape];
    else this.batchInputShape = null;
    this.activityRegularizer = getRegularizer(config.activityRegularizer);
  }

  /** Creates a layer of this class from a `getConfig()` result. */
  static fromConfig<T extends Layer>(
    this: new (config: never) => T,
    config: Record<string, unknown>,
  ): T {
    return new this(config as never);
  }

  /** Whether the layer's weights train. Setting it freezes or unfreezes every weight. */
  get trainable(): boolean {
    return this.trainableFlag;
  }
  set trainable(value: boolean) {
    this.trainableFlag = value;
  }

  /** Creates the weights for inputs of `inputShape`. The default has none. */
  build(_inputShape: ShapeOrShapes): void {
    this.built = true;
  }

  /** The math of the layer on concrete tensors. */
  abstract call(inputs: Tensors, options: CallOptions): Tensors;

  /** The output shape for inputs of `inputShape` (the default: unchanged). */
  computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  /** Checks inputs before a call; layers override to name what they expect. */
  protected checkInputShape(_inputShape: ShapeOrShapes): void {}

  /** Creates a weight and records it; called from `build`. */
  protected addWeight(name: string, shape: readonly number[], options: AddWeightOptions): Tensor {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new NablaError(this.name, `weight '${name}' has an invalid shape ${fmtShape(shape)}`);
      }
    }
    const value = keep(noGrad(() => options.initializer.init(shape, options.dtype ?? this.dtype)));
    value.name = `${this.name}/${name}`;
    const trainable = options.trainable ?? true;
    if (isFloat(value.dtype)) value.requireGrad(trainable);
    this.weightList.push({
      name,
      value,
      trainable,
      regularizer: options.regularizer ?? undefined,
      constraint: options.constraint ?? undefined,
    });
    return value;
  }

  /** Every weight record, own and of sub-layers (models and wrappers override). */
  get weightRecords(): LayerWeight[] {
    return [...this.weightList];
  }

  /** Weights that training updates (none when the layer is frozen). */
  get trainableWeights(): LayerWeight[] {
    return this.trainable ? this.weightRecords.filter((w) => w.trainable) : [];
  }

  /** Weights that training does not update by gradient (e.g. moving statistics). */
  get nonTrainableWeights(): LayerWeight[] {
    return this.trainable ? this.weightRecords.filter((w) => !w.trainable) : this.weightRecords;
  }

  /** All weights, trainable first, as Keras orders them. */
  get weights(): LayerWeight[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  /** Number of scalar parameters. */
  countParams(): number {
    return this.weightRecords.reduce((n, w) => n + w.value.size, 0);
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => keep(noGrad(() => w.value.clone())));
  }

  /** Overwrites the weights (in `weights` order) with the given values. */
  setWeights(values: readonly Tensor[]): void {
    const records = this.weights;
    if (values.length !== records.length) {
      throw new NablaError(
        `${this.name}.setWeights`,
        `expected ${records.length} tensors, got ${values.length}`,
      );
    }
    records.forEach((w, i) => {
      const v = values[i]!;
      if (v.shape.join() !== w.value.shape.join()) {
        throw new NablaError(
          `${this.name}.setWeights`,
          `weight '${w.name}' has shape ${fmtShape(w.value.shape)}, got ${fmtShape(v.shape)}`,
        );
      }
    });
    records.forEach((w, i) => w.value.assign(values[i]!));
  }

  /**
   * The sum of the weight regularization penalties and of the activity penalties recorded since
   * the last `clearLosses()` (by training calls), or null when there are none.
   */
  regularizationLoss(): Tensor | null {
    let total: Tensor | null = null;
    for (const w of this.weightRecords) {
      if (!w.regularizer || !w.trainable || !this.trainable) continue;
      const penalty = w.regularizer.call(w.value);
      total = total ? total.add(penalty) : penalty;
    }
    for (const penalty of this.activityLosses) {
      if (penalty.isDisposed) continue;
      total = total ? total.add(penalty) : penalty;
    }
    return total;
  }

  /** Forgets the recorded activity penalties (a training step calls this before its forward). */
  clearLosses(): void {
    this.activityLosses = [];
  }

  /**
   * The mask of the output given the inputs and their mask: the input mask when the layer
   * `supportsMasking`, none otherwise. Embedding (with `maskZero`) and sequence layers override.
   */
  computeMask(_inputs: Tensors, mask?: Tensor | null): Tensor | null {
    return this.supportsMasking ? (mask ?? null) : null;
  }

  /** Projects constrained weights after an optimizer step. */
  applyConstraints(): void {
    for (const w of this.weightRecords) {
      if (!w.constraint) continue;
      const constraint = w.constraint;
      tidy(() => w.value.assign(noGrad(() => constraint.apply(w.value))));
    }
  }

  /**
   * Applies the layer. On tensors, builds it on first use and runs `call`. On symbolic tensors,
   * records the call in the model graph and returns symbolic outputs.
   */
  apply(inputs: SymbolicTensors, options?: CallOptions): SymbolicTensors;
  apply(inputs: Tensors, options?: CallOptions): Tensors;
  apply(inputs: Tensors | SymbolicTensors, options: CallOptions = {}): Tensors | SymbolicTensors {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) throw new NablaError(this.name, 'called with no inputs');
    if (list.every((t) => t instanceof SymbolicTensor)) {
      return this.applySymbolic(inputs as SymbolicTensors, options);
    }
    for (const t of list) {
      if (!(t instanceof Tensor)) {
        throw new NablaError(this.name, 'inputs must be all Tensors or all SymbolicTensors');
      }
      t.assertAlive(this.name);
    }
    const shapes = Array.isArray(inputs)
      ? (inputs as Tensor[]).map((t) => t.shape)
      : (inputs as Tensor).shape;
    this.checkInputShape(shapes);
    this.ensureBuilt(shapes);
    const outputs = this.call(inputs as Tensors, options);
    if (this.activityRegularizer && options.training) this.recordActivity(outputs);
    return outputs;
  }

  private recordActivity(outputs: Tensors): void {
    // Penalties of earlier steps were freed by their step's tidy scope; drop them.
    this.activityLosses = this.activityLosses.filter((t) => !t.isDisposed);
    for (const output of Array.isArray(outputs) ? outputs : [outputs]) {
      this.activityLosses.push(this.activityRegularizer!.call(output));
    }
  }

  /** Builds the layer once, from the first input shape it sees. */
  ensureBuilt(inputShape: ShapeOrShapes): void {
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
  }

  private applySymbolic(inputs: SymbolicTensors, options: CallOptions): SymbolicTensors {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shapes: ShapeOrShapes = Array.isArray(inputs) ? list.map((t) => t.shape) : list[0]!.shape;
    this.checkInputShape(shapes);
    this.ensureBuilt(shapes);
    const outShape = this.computeOutputShape(shapes);
    const outShapes = isShapeList(outShape) ? outShape : [outShape];
    const dtype = list[0]!.dtype;
    const outputs = outShapes.map(
      (s, i) =>
        new SymbolicTensor(
          s,
          isFloat(dtype) ? dtype : this.dtype,
          this,
          i,
          outShapes.length > 1 ? `${this.name}/output_${i}` : this.name,
        ),
    );
    const node: LayerNode = { layer: this, inputs: list, outputs, callArgs: { ...options } };
    for (const o of outputs) o.node = node;
    this.inboundNodes.push(node);
    return isShapeList(outShape) ? outputs : outputs[0]!;
  }

  /** The layer's serialisable configuration (subclasses add their own keys). */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainable,
      dtype: this.dtype,
    };
    if (this.batchInputShape) config['batchInputShape'] = [...this.batchInputShape];
    if (this.activityRegularizer) {
      config['activityRegularizer'] = serializeRegularizer(this.activityRegularizer);
    }
    return config;
  }

  /** Frees the weights' memory. The layer must not be used afterwards. */
  dispose(): void {
    for (const w of this.weightList) w.value.dispose();
    this.weightList.length = 0;
    this.built = false;
  }

  toString(): string {
    return `${this.className}(name=${this.name})`;
  }

  /** @internal The construction options, for subclasses' `getConfig`. */
  protected get layerConfig(): LayerConfig {
    return this.baseConfig;
  }
}

/** A concrete layer class that can be rebuilt from its config. */
export type LayerClass = new (config: never) => Layer;
