import type { Tensor } from '../../tensor/index.js';

/** A penalty on a weight, added to the training loss. */
export interface Regularizer {
  readonly className: string;
  /** The scalar penalty for weight `x`. */
  call(x: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

export type RegularizerIdentifier =
  | string
  | Regularizer
  | { className: string; config?: Record<string, unknown> };
