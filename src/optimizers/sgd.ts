import type { Tensor } from '../tensor/index.js';
import { fusable, hasSgdUpdate } from './fused.js';
import { checkBoolean, checkNumber } from './checks.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

/** Options of `SGD` (Keras defaults). */
export interface SGDConfig extends OptimizerConfig {
  /** Default 0.01. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Momentum μ in [0, 1]; 0 is plain gradient descent. Default 0. */
  momentum?: number;
  /** Use Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, with optional (Nesterov) momentum, as Keras 3 writes it. With
 * gradient g, learning rate lr and momentum μ:
 *
 * ```
 * μ = 0:      w ← w − lr · g
 * μ > 0:      velocity ← μ · velocity − lr · g
 *             w ← w + velocity                      // classical momentum
 *             w ← w + μ · velocity − lr · g         // nesterov
 * ```
 *
 * For a constant learning rate this equals PyTorch's SGD (whose buffer b = −velocity / lr). With
 * momentum, float32 variables on a backend that has a fused `sgdUpdate` kernel take one kernel
 * call per step; otherwise the step is composed from tensor ops.
 *
 * State per variable: `momentum` (the velocity), only when μ > 0.
 *
 * @example const opt = nb.optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(config: SGDConfig = {}) {
    super('SGD', config, 0.01, ['momentum', 'nesterov']);
    this.momentum = checkNumber('SGD', 'momentum', config.momentum ?? 0, { min: 0, max: 1 });
    this.nesterov = checkBoolean('SGD', 'nesterov', config.nesterov, false);
  }

  protected build(variable: Tensor): Tensor[] {
    return this.momentum > 0 ? [this.addSlot(variable, 'momentum')] : [];
  }

  protected updateStep(g: Tensor, w: Tensor, slots: Tensor[], lr: number): void {
    const velocity = slots[0];
    if (!velocity) {
      w.assign(w.sub(g.mul(lr)));
      return;
    }
    const backend = w.backend;
    if (this.useFusedKernels && hasSgdUpdate(backend) && fusable(w, [g, velocity])) {
      const [param, grad, vel] = [w.storage.buffer, g.storage.buffer, velocity.storage.buffer];
      backend.sgdUpdate(param, grad, vel, lr, this.momentum, this.nesterov);
      return;
    }
    velocity.assign(velocity.mul(this.momentum).sub(g.mul(lr)));
    if (this.nesterov) {
      w.assign(w.add(velocity.mul(this.momentum).sub(g.mul(lr))));
    } else {
      w.assign(w.add(velocity));
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
