import type { Tensor } from '../tensor/index.js';
import { fusable, hasAdamUpdate } from './fused.js';
import { checkBoolean, checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `Adam` (Keras defaults). */
export interface AdamConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay of the first-moment average, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment average, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Keras's "epsilon hat", added to √v (not to the bias-corrected √v̂). Default 1e-7. */
  epsilon?: number;
  /** Use the AMSGrad variant (the running maximum of v). Default false. */
  amsgrad?: boolean;
}

export const ADAM_KEYS = ['beta1', 'beta2', 'epsilon', 'amsgrad'];

/**
 * Adam (Kingma & Ba, 2014), exactly as Keras 3 computes it. At step t = iterations + 1, with
 * gradient g and learning rate lr:
 *
 * ```
 * m  ← m + (g − m)(1 − β₁)              // = β₁m + (1 − β₁)g
 * v  ← v + (g² − v)(1 − β₂)
 * v̂max ← max(v̂max, v); v ← v̂max         // AMSGrad only
 * αₜ = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 * w  ← w − αₜ · m / (√v + ε)
 * ```
 *
 * The bias corrections are folded into αₜ, so ε is the paper's "epsilon hat": PyTorch's Adam
 * adds ε to √v̂ = √v / √(1 − β₂ᵗ) instead, which differs by a factor √(1 − β₂ᵗ) on ε alone.
 * With float32 variables on a backend that has the fused `adamUpdate` kernel (and without
 * AMSGrad) the whole step is one kernel call; otherwise it is composed from tensor ops.
 *
 * State per variable: `momentum` (m), `velocity` (v), and `velocity_hat` with AMSGrad.
 *
 * @example const opt = nb.optimizers.adam({ learningRate: 1e-3 });
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(config: AdamConfig = {}, className = 'Adam', extraKeys: readonly string[] = []) {
    super(className, config, 0.001, [...ADAM_KEYS, ...extraKeys]);
    const unit = { min: 0, max: 1, maxOpen: true };
    this.beta1 = checkNumber(className, 'beta1', config.beta1 ?? 0.9, unit);
    this.beta2 = checkNumber(className, 'beta2', config.beta2 ?? 0.999, unit);
    this.epsilon = checkNumber(className, 'epsilon', config.epsilon ?? 1e-7, { min: 0 });
    this.amsgrad = checkBoolean(className, 'amsgrad', config.amsgrad, false);
  }

  protected build(variable: Tensor): Tensor[] {
    const slots = [this.addSlot(variable, 'momentum'), this.addSlot(variable, 'velocity')];
    if (this.amsgrad) slots.push(this.addSlot(variable, 'velocity_hat'));
    return slots;
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const [m, v, vHatMax] = slots as [Tensor, Tensor, Tensor | undefined];
    const t = this.iterations + 1;
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const backend = w.backend;
    if (this.useFusedKernels && !vHatMax && hasAdamUpdate(backend) && fusable(w, [g, m, v])) {
      backend.adamUpdate(
        w.storage.buffer,
        g.storage.buffer,
        m.storage.buffer,
        v.storage.buffer,
        alpha,
        this.beta1,
        this.beta2,
        this.epsilon,
      );
      return;
    }
    m.assign(m.add(g.sub(m).mul(1 - this.beta1)));
    v.assign(v.add(g.square().sub(v).mul(1 - this.beta2)));
    let denominatorBase = v;
    if (vHatMax) {
      vHatMax.assign(vHatMax.maximum(v));
      denominatorBase = vHatMax;
    }
    w.assign(w.sub(m.mul(alpha).div(denominatorBase.sqrt().add(this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}
