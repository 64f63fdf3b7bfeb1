/** The non-negativity constraint. */
import { where, type Tensor } from '../../tensor/index.js';
import type { Constraint } from './constraint.js';

/** Sets negative weights to zero: `w · (w ≥ 0)`, written as a select so none become −0. */
export class NonNeg implements Constraint {
  readonly className = 'NonNeg';
  apply(w: Tensor): Tensor {
    return where(w.ge(0), w, 0);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** Non-negative weights. @example nb.layers.dense({ units: 4, kernelConstraint: 'nonNeg' }) */
export function nonNeg(): NonNeg {
  return new NonNeg();
}
