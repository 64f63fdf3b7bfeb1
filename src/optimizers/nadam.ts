import type { Tensor } from '../tensor/index.js';
import { checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `Nadam` (Keras defaults). */
export interface NadamConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay of the first moment, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second moment, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to √v̂. Default 1e-7. */
  epsilon?: number;
}

/**
 * Nadam (Dozat, 2015): Adam with Nesterov momentum and a momentum schedule, as Keras 3
 * computes it. At step t = iterations + 1, with μₜ = β₁(1 − ½ · 0.96ᵗ) and the running product
 * Πₜ = μ₁ · … · μₜ:
 *
 * ```
 * m ← m + (g − m)(1 − β₁)
 * v ← v + (g² − v)(1 − β₂)
 * m̂ = μₜ₊₁ · m / (1 − Πₜ · μₜ₊₁) + (1 − μₜ) · g / (1 − Πₜ)
 * v̂ = v / (1 − β₂ᵗ)
 * w ← w − lr · m̂ / (√v̂ + ε)
 * ```
 *
 * Equal to PyTorch's NAdam with `momentum_decay = 1` (Keras's 0.96ᵗ schedule).
 *
 * State: per variable `momentum` (m) and `velocity` (v); optimizer-wide `uProduct` (Πₜ).
 *
 * @example const opt = nb.optimizers.nadam({ learningRate: 2e-3 });
 */
export class Nadam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private uProduct = 1;

  constructor(config: NadamConfig = {}) {
    super('Nadam', config, 0.001, ['beta1', 'beta2', 'epsilon']);
    const unit = { min: 0, max: 1, maxOpen: true };
    this.beta1 = checkNumber('Nadam', 'beta1', config.beta1 ?? 0.9, unit);
    this.beta2 = checkNumber('Nadam', 'beta2', config.beta2 ?? 0.999, unit);
    this.epsilon = checkNumber('Nadam', 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
  }

  protected build(variable: Tensor): Tensor[] {
    return [this.addSlot(variable, 'momentum'), this.addSlot(variable, 'velocity')];
  }

  /** μₜ, the momentum coefficient of step t. */
  private mu(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** t);
  }

  protected override beforeUpdates(): void {
    this.uProduct *= this.mu(this.iterations + 1);
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const [m, v] = slots as [Tensor, Tensor];
    const t = this.iterations + 1;
    const muT = this.mu(t);
    const muNext = this.mu(t + 1);
    m.assign(m.add(g.sub(m).mul(1 - this.beta1)));
    v.assign(v.add(g.square().sub(v).mul(1 - this.beta2)));
    const mHat = m
      .mul(muNext / (1 - this.uProduct * muNext))
      .add(g.mul((1 - muT) / (1 - this.uProduct)));
    const vHat = v.div(1 - this.beta2 ** t);
    w.assign(w.sub(mHat.mul(lr).div(vHat.sqrt().add(this.epsilon))));
  }

  protected override scalarState(): Record<string, number> {
    return { uProduct: this.uProduct };
  }

  protected override restoreScalar(name: string, value: number): void {
    if (name === 'uProduct') this.uProduct = value;
  }

  override dispose(): void {
    super.dispose();
    this.uProduct = 1;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
