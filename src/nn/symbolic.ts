/**
 * Symbolic tensors: placeholders that flow through `layer.apply()` to describe a functional
 * model's graph before any data exists. `null` dimensions are unknown (the batch, usually).
 */
import type { DType } from '../core/dtype.js';
import type { Layer } from './layer.js';

/** A shape whose dimensions may be unknown (`null`). */
export type LayerShape = readonly (number | null)[];

/** One call of a layer on symbolic inputs: an edge bundle of the model graph. */
export interface LayerNode {
  readonly layer: Layer;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** Extra call arguments recorded for replay (e.g. `{ training: false }`). */
  readonly callArgs: Readonly<Record<string, unknown>>;
}

let nextId = 0;

/** The output of a layer applied to symbolic inputs. */
export class SymbolicTensor {
  /** Unique, stable within a process: used to order and look up graph values. */
  readonly id = nextId++;
  /** Set once the producing layer records its node. */
  node: LayerNode | null = null;

  constructor(
    readonly shape: LayerShape,
    readonly dtype: DType,
    /** The layer that produced it (an `InputLayer` for model inputs). */
    readonly sourceLayer: Layer,
    /** Index among the producing call's outputs. */
    readonly outputIndex = 0,
    readonly name = `${sourceLayer.name}/output_${outputIndex}`,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    const shape = this.shape.map((d) => d ?? 'None').join(',');
    return `SymbolicTensor(name=${this.name}, shape=[${shape}], dtype=${this.dtype})`;
  }
}
