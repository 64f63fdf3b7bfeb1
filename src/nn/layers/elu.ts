import { elu as eluOp, type Tensor } from '../../tensor/index.js';
import { Layer, type LayerConfig, type Tensors } from '../layer.js';

/** Configuration of `ELU`. */
export interface ELUConfig extends LayerConfig {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit: `x` for `x > 0`, `alpha · (eˣ − 1)` otherwise.
 *
 * Shapes: unchanged.
 *
 * @example nb.layers.elu({ alpha: 0.5 })
 */
export class ELU extends Layer {
  readonly className = 'ELU';
  override supportsMasking = true;
  readonly alpha: number;

  constructor(config: ELUConfig = {}) {
    super(config);
    this.alpha = config.alpha ?? 1;
  }

  call(inputs: Tensors): Tensor {
    return eluOp(inputs as Tensor, this.alpha);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Creates an `ELU` layer. */
export function elu(config: ELUConfig = {}): ELU {
  return new ELU(config);
}
