import { NablaError } from '../../core/errors.js';
import { gather, type Tensor } from '../../tensor/index.js';
import {
  getConstraint,
  serializeConstraint,
  type Constraint,
  type ConstraintIdentifier,
} from '../constraints/index.js';
import {
  getInitializer,
  serializeInitializer,
  type Initializer,
  type InitializerIdentifier,
} from '../initializers/index.js';
import { Layer, type LayerConfig, type ShapeOrShapes, type Tensors } from '../layer.js';
import {
  getRegularizer,
  serializeRegularizer,
  type Regularizer,
  type RegularizerIdentifier,
} from '../regularizers/index.js';
import type { LayerShape } from '../symbolic.js';

/** Configuration of `Embedding`. */
export interface EmbeddingConfig extends LayerConfig {
  /** Vocabulary size: ids run from 0 to `inputDim − 1`. */
  inputDim: number;
  /** Length of each embedding vector. */
  outputDim: number;
  /** Default `'uniform'` (U(−0.05, 0.05)), as in Keras. */
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  /** Treat id 0 as padding: `computeMask` marks it false for the layers downstream. */
  maskZero?: boolean;
}

/**
 * Maps integer ids to learned vectors: row `i` of the `[inputDim, outputDim]` table for id `i`.
 * Ids may come as int32 or as integral floats.
 *
 * Shapes: `[batch, …] → [batch, …, outputDim]`; embeddings `[inputDim, outputDim]`.
 *
 * @example nb.layers.embedding({ inputDim: 10000, outputDim: 64, maskZero: true })
 */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  embeddings: Tensor | null = null;

  constructor(config: EmbeddingConfig) {
    super(config);
    for (const key of ['inputDim', 'outputDim'] as const) {
      if (!(Number.isInteger(config[key]) && config[key] > 0)) {
        throw new NablaError('embedding', `${key} must be a positive integer, got ${config[key]}`);
      }
    }
    this.inputDim = config.inputDim;
    this.outputDim = config.outputDim;
    this.maskZero = config.maskZero ?? false;
    this.embeddingsInitializer = getInitializer(config.embeddingsInitializer ?? 'uniform');
    this.embeddingsRegularizer = getRegularizer(config.embeddingsRegularizer);
    this.embeddingsConstraint = getConstraint(config.embeddingsConstraint);
  }

  override build(): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], {
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
    this.built = true;
  }

  call(inputs: Tensors): Tensor {
    // gather checks the range and names the offending id.
    return gather(this.embeddings!, inputs as Tensor, 0);
  }

  /** With `maskZero`, true where the id is not 0. */
  override computeMask(inputs: Tensors): Tensor | null {
    return this.maskZero ? (inputs as Tensor).ne(0) : null;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    return [...(inputShape as LayerShape), this.outputDim];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: serializeInitializer(this.embeddingsInitializer),
      embeddingsRegularizer: serializeRegularizer(this.embeddingsRegularizer),
      embeddingsConstraint: serializeConstraint(this.embeddingsConstraint),
      maskZero: this.maskZero,
    };
  }
}

/** Creates an `Embedding` layer. */
export function embedding(config: EmbeddingConfig): Embedding {
  return new Embedding(config);
}
