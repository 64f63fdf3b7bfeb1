/**
 * The metric contract, stateful as in Keras: `updateState` accumulates over batches, `result`
 * reads the value, `resetState` starts a new epoch.
 */
import type { Tensor } from '../tensor/index.js';

/** Options every metric accepts. */
export interface MetricConfig {
  /** The name shown in logs and History; each metric has a camelCase default. */
  name?: string;
}

export abstract class Metric {
  /** The name shown in logs and History (`accuracy`, `val_accuracy`, …). */
  abstract readonly name: string;
  /** The Keras class name (`BinaryAccuracy`), the key of a serialised metric. */
  readonly className: string = 'Metric';
  /** Accumulates one batch. Must not keep references to the tensors passed in. */
  abstract updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void;
  /** The value over everything accumulated since the last reset. */
  abstract result(): number;
  /** Clears the accumulated state. */
  abstract resetState(): void;
  /** Serialisable options, the name included. */
  getConfig(): Record<string, unknown> {
    return { name: this.name };
  }
}

/** Context used to resolve `'accuracy'` to binary, categorical or sparse, as Keras does. */
export interface MetricContext {
  /** The name of the compiled loss for this output, if known. */
  lossName?: string;
  /** The output shape (without batch), if known. */
  outputShape?: readonly (number | null)[];
}
