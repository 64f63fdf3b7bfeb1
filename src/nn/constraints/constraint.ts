import type { Tensor } from '../../tensor/index.js';

/** A projection applied to a weight after each optimizer step. */
export interface Constraint {
  readonly className: string;
  /** The projected weight (a new tensor). */
  apply(w: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

export type ConstraintIdentifier =
  | string
  | Constraint
  | { className: string; config?: Record<string, unknown> };
