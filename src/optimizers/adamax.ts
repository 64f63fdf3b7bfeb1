import type { Tensor } from '../tensor/index.js';
import { checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `Adamax` (Keras defaults). */
export interface AdamaxConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay of the first moment, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the infinity norm, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to the norm u. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax (Kingma & Ba, 2014, section 7.1): Adam with the infinity norm in place of the second
 * moment, as Keras 3 computes it. At step t = iterations + 1:
 *
 * ```
 * m ← m + (g − m)(1 − β₁)
 * u ← max(β₂ · u, |g|)
 * w ← w − lr · m / ((1 − β₁ᵗ)(u + ε))
 * ```
 *
 * (PyTorch puts ε inside the max: u ← max(β₂u, |g| + ε).)
 *
 * State per variable: `momentum` (m), `norm` (u).
 *
 * @example const opt = nb.optimizers.adamax({ learningRate: 2e-3 });
 */
export class Adamax extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(config: AdamaxConfig = {}) {
    super('Adamax', config, 0.001, ['beta1', 'beta2', 'epsilon']);
    const unit = { min: 0, max: 1, maxOpen: true };
    this.beta1 = checkNumber('Adamax', 'beta1', config.beta1 ?? 0.9, unit);
    this.beta2 = checkNumber('Adamax', 'beta2', config.beta2 ?? 0.999, unit);
    this.epsilon = checkNumber('Adamax', 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
  }

  protected build(variable: Tensor): Tensor[] {
    return [this.addSlot(variable, 'momentum'), this.addSlot(variable, 'norm')];
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const [m, u] = slots as [Tensor, Tensor];
    const t = this.iterations + 1;
    m.assign(m.add(g.sub(m).mul(1 - this.beta1)));
    u.assign(u.mul(this.beta2).maximum(g.abs()));
    const denominator = u.add(this.epsilon).mul(1 - this.beta1 ** t);
    w.assign(w.sub(m.mul(lr).div(denominator)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
