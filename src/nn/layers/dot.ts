import { NablaError } from '../../core/errors.js';
import { matmul, type Tensor } from '../../tensor/index.js';
import {
  isShapeList,
  Layer,
  type LayerConfig,
  type ShapeOrShapes,
  type Tensors,
} from '../layer.js';
import type { LayerShape, SymbolicTensor } from '../symbolic.js';

/** Configuration of `Dot`. */
export interface DotConfig extends LayerConfig {
  /** The axis summed over in both inputs, or `[axisOfFirst, axisOfSecond]`; never 0 (batch). */
  axes: number | readonly [number, number];
  /** L2-normalise both inputs along the axes first, giving cosine similarities (default false). */
  normalize?: boolean;
}

// Keras's epsilon: a zero vector normalises to zero instead of NaN.
const EPSILON = 1e-7;

/**
 * The per-sample dot product of two inputs (Keras's `batch_dot`): for each sample, sums
 * `x[…, k, …] · y[…, k, …]` over the chosen axes. With `normalize`, it is cosine similarity.
 *
 * Shapes: `[batch, …x without axes[0]]` and `[batch, …y without axes[1]]` → their concatenation
 * `[batch, …xRest, …yRest]`, or `[batch, 1]` when both are vectors.
 *
 * @example nb.layers.dot({ axes: 1, normalize: true }).apply([a, b]) // [batch, 1] cosines
 */
export class Dot extends Layer {
  readonly className = 'Dot';
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(config: DotConfig) {
    super(config);
    const axes = config.axes;
    const pair = typeof axes === 'number' ? [axes, axes] : axes;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(Number.isInteger)) {
      throw new NablaError(
        'dot',
        `axes must be an integer or a pair of integers, got ${JSON.stringify(axes)}`,
      );
    }
    this.axes = typeof axes === 'number' ? axes : [axes[0], axes[1]];
    this.normalize = config.normalize ?? false;
  }

  /** The two axes, made non-negative for inputs of ranks `r1`, `r2`. */
  private resolveAxes(r1: number, r2: number): [number, number] {
    const [a, b] = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    const out: [number, number] = [a < 0 ? a + r1 : a, b < 0 ? b + r2 : b];
    if (out[0] <= 0 || out[0] >= r1 || out[1] <= 0 || out[1] >= r2) {
      throw new NablaError(
        this.name,
        `axes ${JSON.stringify(this.axes)} are out of range for ranks ${r1}, ${r2} or name the batch axis`,
      );
    }
    return out;
  }

  protected override checkInputShape(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape) || inputShape.length !== 2) {
      throw new NablaError(
        this.name,
        `expects a list of 2 inputs, got ${JSON.stringify(inputShape)}`,
      );
    }
    const [s1, s2] = inputShape as [LayerShape, LayerShape];
    if (s1.length < 2 || s2.length < 2)
      throw new NablaError(this.name, 'inputs must have rank ≥ 2');
    const [a, b] = this.resolveAxes(s1.length, s2.length);
    if (s1[a] !== null && s2[b] !== null && s1[a] !== s2[b]) {
      throw new NablaError(
        this.name,
        `axis sizes differ: ${s1[a]} (axis ${a} of the first), ${s2[b]} (axis ${b} of the second)`,
      );
    }
  }

  call(inputs: Tensors): Tensor {
    let [x, y] = inputs as [Tensor, Tensor];
    const [a, b] = this.resolveAxes(x.rank, y.rank);
    if (this.normalize) {
      x = x.mul(
        x
          .square()
          .sum(a, true)
          .rsqrt()
          .minimum(1 / EPSILON),
      );
      y = y.mul(
        y
          .square()
          .sum(b, true)
          .rsqrt()
          .minimum(1 / EPSILON),
      );
    }
    const batch = x.shape[0]!;
    const xOrder = [...x.shape.keys()].filter((i) => i !== a);
    const yOrder = [...y.shape.keys()].filter((i) => i !== b && i !== 0);
    const xRest = xOrder.slice(1).map((i) => x.shape[i]!);
    const yRest = yOrder.map((i) => y.shape[i]!);
    const size = (dims: number[]): number => dims.reduce((p, d) => p * d, 1);
    // As [batch, M, k] @ [batch, k, N].
    const x3 = x.transpose([...xOrder, a]).reshape([batch, size(xRest), x.shape[a]!]);
    const y3 = y.transpose([0, b, ...yOrder]).reshape([batch, y.shape[b]!, size(yRest)]);
    const out = [...xRest, ...yRest];
    return matmul(x3, y3).reshape([batch, ...(out.length === 0 ? [1] : out)]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const [s1, s2] = inputShape as [LayerShape, LayerShape];
    const [a, b] = this.resolveAxes(s1.length, s2.length);
    const out = [...s1.filter((_, i) => i !== a), ...s2.filter((_, i) => i !== b && i !== 0)];
    return out.length === 1 ? [...out, 1] : out;
  }

  override getConfig(): Record<string, unknown> {
    const axes = typeof this.axes === 'number' ? this.axes : [...this.axes];
    return { ...super.getConfig(), axes, normalize: this.normalize };
  }
}

/**
 * Creates a `Dot` layer, or with a list of two inputs applies one to them.
 *
 * @example nb.layers.dot([userVec, itemVec], { axes: 1 })
 */
export function dot(config: DotConfig): Dot;
export function dot(inputs: Tensor[], config: DotConfig): Tensor;
export function dot(inputs: SymbolicTensor[], config: DotConfig): SymbolicTensor;
export function dot(
  first: DotConfig | Tensor[] | SymbolicTensor[],
  config?: DotConfig,
): Dot | Tensor | SymbolicTensor {
  if (!Array.isArray(first)) return new Dot(first);
  if (!config) throw new NablaError('dot', 'needs a config with `axes`');
  return new Dot(config).apply(first as Tensor[]) as Tensor;
}
