import type { DType } from '../../core/dtype.js';
import { NablaError } from '../../core/errors.js';
import type { Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type Tensors } from '../layer.js';
import { SymbolicTensor, type LayerShape } from '../symbolic.js';

/** Configuration of `InputLayer` and of `input()`. */
export interface InputConfig extends LayerConfig {
  /** Shape of one sample, without the batch dimension; `null` marks an unknown size. */
  shape?: readonly (number | null)[];
  /** A fixed batch size (default unknown). */
  batchSize?: number | null;
  /** The full shape including the batch dimension (instead of `shape` and `batchSize`). */
  batchShape?: readonly (number | null)[];
  /** The dtype of the data fed in (default float32; int32 for token ids). */
  dtype?: DType;
}

function resolveBatchShape(config: InputConfig): LayerShape {
  const batchShape = config.batchShape ?? config.batchInputShape;
  if (batchShape) return [...batchShape];
  const shape = config.shape ?? config.inputShape;
  if (!shape) throw new NablaError('input', 'needs `shape` (or `batchShape`)');
  return [config.batchSize ?? null, ...shape];
}

/**
 * The entry point of a functional model: it holds no weights and produces the model's input
 * placeholder, a `SymbolicTensor` of `batchShape`. Called on data it passes the data through.
 * Usually created by `input()`.
 *
 * Shapes: `[batch, …shape] → [batch, …shape]`.
 */
export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  /** The placeholder that layers are applied to when building a model. */
  readonly output: SymbolicTensor;

  constructor(config: InputConfig) {
    const batchShape = resolveBatchShape(config);
    for (const d of batchShape) {
      if (d !== null && !(Number.isInteger(d) && d >= 0)) {
        throw new NablaError('input', `invalid dimension ${d} in shape [${batchShape.join(', ')}]`);
      }
    }
    super({
      name: config.name,
      dtype: config.dtype,
      batchInputShape: batchShape,
      trainable: false,
    });
    this.built = true;
    this.output = new SymbolicTensor(this.batchInputShape!, this.dtype, this, 0, this.name);
    const node = { layer: this, inputs: [], outputs: [this.output], callArgs: {} };
    this.output.node = node;
    this.inboundNodes.push(node);
  }

  call(inputs: Tensors): Tensor {
    return inputs as Tensor;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype, batchShape: [...this.batchInputShape!] };
  }
}

/**
 * The input of a functional model: a placeholder of shape `[batch, …shape]` to apply layers
 * to, then pass to `nb.model({ inputs, outputs })`.
 *
 * @example
 * const x = nb.input({ shape: [784] });
 * const y = nb.layers.dense({ units: 10, activation: 'softmax' }).apply(x);
 * const m = nb.model({ inputs: x, outputs: y });
 */
export function input(config: InputConfig): SymbolicTensor {
  return new InputLayer(config).output;
}

/** Creates an `InputLayer` (its placeholder is `.output`). */
export function inputLayer(config: InputConfig): InputLayer {
  return new InputLayer(config);
}
