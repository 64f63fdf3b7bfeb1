import type { Tensor } from '../tensor/index.js';
import { checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `Adadelta` (Keras defaults). */
export interface AdadeltaConfig extends OptimizerConfig {
  /** Default 0.001 (the paper's form uses 1.0). */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay ρ of both running averages, in [0, 1]. Default 0.95. */
  rho?: number;
  /** Added inside each square root. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler, 2012) as Keras 3 computes it: steps scaled by the ratio of the RMS of
 * recent updates to the RMS of recent gradients. With gradient g, learning rate lr and
 * RMS(x) = √(x + ε):
 *
 * ```
 * Eg² ← ρ · Eg² + (1 − ρ) · g²
 * Δ   = −RMS(EΔ²) · g / RMS(Eg²)
 * EΔ² ← ρ · EΔ² + (1 − ρ) · Δ²
 * w   ← w + lr · Δ
 * ```
 *
 * Identical to PyTorch's Adadelta given the same ρ and ε.
 *
 * State per variable: `accumulated_grad` (Eg²), `accumulated_delta_var` (EΔ²).
 *
 * @example const opt = nb.optimizers.adadelta({ learningRate: 1.0 });
 */
export class Adadelta extends Optimizer {
  readonly rho: number;
  readonly epsilon: number;

  constructor(config: AdadeltaConfig = {}) {
    super('Adadelta', config, 0.001, ['rho', 'epsilon']);
    this.rho = checkNumber('Adadelta', 'rho', config.rho ?? 0.95, { min: 0, max: 1 });
    this.epsilon = checkNumber('Adadelta', 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
  }

  protected build(variable: Tensor): Tensor[] {
    return [
      this.addSlot(variable, 'accumulated_grad'),
      this.addSlot(variable, 'accumulated_delta_var'),
    ];
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const [accumulatedGrad, accumulatedDelta] = slots as [Tensor, Tensor];
    const rms = (x: Tensor): Tensor => x.add(this.epsilon).sqrt();
    accumulatedGrad.assign(accumulatedGrad.mul(this.rho).add(g.square().mul(1 - this.rho)));
    const delta = rms(accumulatedDelta).mul(g).div(rms(accumulatedGrad)).neg();
    accumulatedDelta.assign(
      accumulatedDelta.mul(this.rho).add(delta.square().mul(1 - this.rho)),
    );
    w.assign(w.add(delta.mul(lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
