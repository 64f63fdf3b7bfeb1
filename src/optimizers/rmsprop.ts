import type { Tensor } from '../tensor/index.js';
import { checkBoolean, checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `RMSprop` (Keras defaults). */
export interface RMSpropConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay ρ of the squared-gradient average, in [0, 1]. Default 0.9. */
  rho?: number;
  /** Momentum μ in [0, 1). Default 0 (none). */
  momentum?: number;
  /** Added *inside* the square root, as in Keras. Default 1e-7. */
  epsilon?: number;
  /** Divide by the estimated variance instead of the raw second moment. Default false. */
  centered?: boolean;
}

/**
 * RMSprop (Hinton, 2012) as Keras 3 computes it. With gradient g and learning rate lr:
 *
 * ```
 * v ← ρ · v + (1 − ρ) · g²
 * ḡ ← ρ · ḡ + (1 − ρ) · g              // centered only
 * d = v − ḡ² + ε  (centered)   or   v + ε
 * Δ = lr · g / √d                       // ε inside the root (PyTorch adds it outside)
 * μ > 0:  mom ← μ · mom + Δ;  w ← w − mom
 * μ = 0:  w ← w − Δ
 * ```
 *
 * State per variable: `velocity` (v), then `momentum` when μ > 0, then `average_gradient` (ḡ)
 * when centered.
 *
 * @example const opt = nb.optimizers.rmsprop({ learningRate: 1e-3, rho: 0.9 });
 */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(config: RMSpropConfig = {}) {
    super('RMSprop', config, 0.001, ['rho', 'momentum', 'epsilon', 'centered']);
    this.rho = checkNumber('RMSprop', 'rho', config.rho ?? 0.9, { min: 0, max: 1 });
    const momentumRange = { min: 0, max: 1, maxOpen: true };
    this.momentum = checkNumber('RMSprop', 'momentum', config.momentum ?? 0, momentumRange);
    this.epsilon = checkNumber('RMSprop', 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
    this.centered = checkBoolean('RMSprop', 'centered', config.centered, false);
  }

  protected build(variable: Tensor): Tensor[] {
    const slots = [this.addSlot(variable, 'velocity')];
    if (this.momentum > 0) slots.push(this.addSlot(variable, 'momentum'));
    if (this.centered) slots.push(this.addSlot(variable, 'average_gradient'));
    return slots;
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const velocity = slots[0]!;
    const momentum = this.momentum > 0 ? slots[1]! : null;
    const averageGrad = this.centered ? slots[slots.length - 1]! : null;
    velocity.assign(velocity.mul(this.rho).add(g.square().mul(1 - this.rho)));
    let denominator: Tensor;
    if (averageGrad) {
      averageGrad.assign(averageGrad.mul(this.rho).add(g.mul(1 - this.rho)));
      denominator = velocity.sub(averageGrad.square()).add(this.epsilon);
    } else {
      denominator = velocity.add(this.epsilon);
    }
    const increment = g.mul(lr).div(denominator.sqrt());
    if (momentum) {
      momentum.assign(momentum.mul(this.momentum).add(increment));
      w.assign(w.sub(momentum));
    } else {
      w.assign(w.sub(increment));
    }
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}
