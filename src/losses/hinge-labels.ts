/** Label conversion shared by the hinge losses. */
import type { Tensor } from '../tensor/index.js';

/**
 * Hinge losses expect labels −1 or 1. As Keras, when every label of the batch is 0 or 1 they are
 * mapped to −1 and 1 (`2y − 1`); other labels are used unchanged.
 */
export function hingeLabels(yTrue: Tensor): Tensor {
  const values = yTrue.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== 0 && v !== 1) return yTrue;
  }
  return yTrue.mul(2).sub(1);
}
