import type { Tensor } from '../tensor/index.js';
import { checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `Adagrad` (Keras defaults). */
export interface AdagradConfig extends OptimizerConfig {
  /** Default 0.001 (the paper's form uses 1.0). */
  learningRate?: OptimizerConfig['learningRate'];
  /** Starting value of the accumulator, ≥ 0. Default 0.1 (PyTorch starts at 0). */
  initialAccumulatorValue?: number;
  /** Added inside the square root. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad (Duchi et al., 2011) as Keras 3 computes it: each parameter's step shrinks with the
 * sum of its squared gradients. With gradient g and learning rate lr:
 *
 * ```
 * a ← a + g²                 // a starts at initialAccumulatorValue
 * w ← w − lr · g / √(a + ε)  // ε inside the root (PyTorch adds it outside)
 * ```
 *
 * State per variable: `accumulator` (a).
 *
 * @example const opt = nb.optimizers.adagrad({ learningRate: 0.01 });
 */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(config: AdagradConfig = {}) {
    super('Adagrad', config, 0.001, ['initialAccumulatorValue', 'epsilon']);
    const initial = config.initialAccumulatorValue ?? 0.1;
    this.initialAccumulatorValue = checkNumber('Adagrad', 'initialAccumulatorValue', initial, {
      min: 0,
    });
    this.epsilon = checkNumber('Adagrad', 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
  }

  protected build(variable: Tensor): Tensor[] {
    return [this.addSlot(variable, 'accumulator', this.initialAccumulatorValue)];
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const accumulator = slots[0]!;
    accumulator.assign(accumulator.add(g.square()));
    w.assign(w.sub(g.mul(lr).div(accumulator.add(this.epsilon).sqrt())));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      initialAccumulatorValue: this.initialAccumulatorValue,
      epsilon: this.epsilon,
    };
  }
}
