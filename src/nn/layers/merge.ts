/**
 * The base of the elementwise merge layers (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`,
 * `Minimum`): a list of inputs whose sample shapes broadcast together. Inputs of lower rank are
 * given size-1 axes after the batch axis first, as Keras does.
 */
import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import {
  isShapeList,
  Layer,
  type LayerConfig,
  type ShapeOrShapes,
  type Tensors,
} from '../layer.js';
import type { LayerShape, SymbolicTensor } from '../symbolic.js';

const show = (s: LayerShape): string => `[${s.map((d) => d ?? 'null').join(', ')}]`;

/** Broadcasts two sample shapes (batch excluded), right-aligned; `null` is unknown. */
function broadcastSample(layer: string, a: LayerShape, b: LayerShape): LayerShape {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out: (number | null)[] = [...long.slice(0, long.length - short.length)];
  short.forEach((j, k) => {
    const i = long[long.length - short.length + k]!;
    if (i === null || j === null) out.push(i === 1 ? j : j === 1 ? i : null);
    else if (i === 1 || j === 1 || i === j) out.push(i === 1 ? j : i);
    else throw new NablaError(layer, `inputs have incompatible shapes ${show(a)} and ${show(b)}`);
  });
  return out;
}

/** An elementwise merge of a list of inputs. */
export abstract class Merge extends Layer {
  override supportsMasking = true;
  /** Exactly how many inputs the layer takes, when fixed (Subtract: 2). */
  protected readonly arity: number | null = null;

  /** Combines inputs already brought to the same rank. */
  protected abstract merge(inputs: Tensor[]): Tensor;

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape)) {
      throw new NablaError(
        this.name,
        `expects a list of inputs, got one of shape ${show(inputShape)}`,
      );
    }
    if (this.arity !== null && inputShape.length !== this.arity) {
      throw new NablaError(
        this.name,
        `expects exactly ${this.arity} inputs, got ${inputShape.length}`,
      );
    }
    const batches = new Set(
      inputShape.map((s) => s[0]).filter((d) => d !== null && d !== undefined),
    );
    if (batches.size > 1) {
      throw new NablaError(
        this.name,
        `cannot merge different batch sizes: ${inputShape.map(show).join(', ')}`,
      );
    }
    this.computeOutputShape(inputShape);
  }

  call(inputs: Tensors): Tensor {
    const list = inputs as Tensor[];
    const rank = Math.max(...list.map((t) => t.rank));
    const aligned = list.map((t) => {
      let x = t;
      while (x.rank < rank) x = x.expandDims(1);
      return x;
    });
    return this.merge(aligned);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shapes = inputShape as LayerShape[];
    let sample: LayerShape = shapes[0]!.slice(1);
    for (const s of shapes.slice(1)) sample = broadcastSample(this.name, sample, s.slice(1));
    const batch = shapes.map((s) => s[0]).find((d) => d !== null && d !== undefined) ?? null;
    return [batch, ...sample];
  }
}

/**
 * A merge layer factory in both Keras forms: with a config (or nothing) it returns the layer;
 * with a list of inputs it applies a new layer to them and returns the result.
 */
export interface MergeFactory<L extends Layer, C extends LayerConfig> {
  (config?: C): L;
  (inputs: Tensor[], config?: C): Tensor;
  (inputs: SymbolicTensor[], config?: C): SymbolicTensor;
}

/** Builds a `MergeFactory` from a layer constructor. */
export function mergeFactory<L extends Layer, C extends LayerConfig>(
  make: (config: C) => L,
): MergeFactory<L, C> {
  const factory = (
    first?: C | Tensor[] | SymbolicTensor[],
    config?: C,
  ): L | Tensors | SymbolicTensor => {
    if (Array.isArray(first)) {
      const layer = make(config ?? ({} as C));
      return layer.apply(first as Tensor[]) as Tensor;
    }
    return make(first ?? ({} as C));
  };
  return factory as MergeFactory<L, C>;
}
