/** Shape checks shared by the losses: Keras's rank alignment, then a strict comparison. */
import { NablaError, fmtShape } from '../core/errors.js';
import { isFloat } from '../core/dtype.js';
import type { Tensor } from '../tensor/index.js';

/** Throws unless `yPred` is a float tensor of rank ≥ 1. */
export function checkPrediction(lossName: string, yTrue: Tensor, yPred: Tensor): void {
  if (!isFloat(yPred.dtype)) {
    throw new NablaError(lossName, `yPred must be float32 or float64, got ${yPred.dtype} ${fmtShape(yPred.shape)} (yTrue ${fmtShape(yTrue.shape)})`);
  }
  if (yPred.rank === 0 || yTrue.rank === 0) {
    throw new NablaError(lossName, `expects a batch axis, got yTrue ${fmtShape(yTrue.shape)} and yPred ${fmtShape(yPred.shape)}`);
  }
}

/**
 * Returns `[yTrue, yPred]` with equal shapes and `yTrue` cast to `yPred`'s dtype, or throws
 * naming the loss and both shapes. As Keras's `squeeze_or_expand_to_same_rank`, ranks that differ
 * by one where the longer shape ends in 1 are aligned (`[batch]` with `[batch, 1]`). Two rank-1
 * tensors are read as `[batch, 1]`, so that the per-sample loss has one value per element (Keras
 * would average them into a scalar; unweighted results are the same).
 */
export function matchShapes(lossName: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  checkPrediction(lossName, yTrue, yPred);
  let t = yTrue;
  let p = yPred;
  if (t.rank === p.rank + 1 && t.shape[t.rank - 1] === 1) {
    t = p.rank === 1 ? t : t.reshape(t.shape.slice(0, -1));
  } else if (p.rank === t.rank + 1 && p.shape[p.rank - 1] === 1) {
    p = t.rank === 1 ? p : p.reshape(p.shape.slice(0, -1));
  }
  if (t.rank === 1 && p.rank === 1) {
    t = t.reshape([t.shape[0]!, 1]);
    p = p.reshape([p.shape[0]!, 1]);
  } else if (t.rank === 1) {
    t = t.reshape([t.shape[0]!, 1]);
  } else if (p.rank === 1) {
    p = p.reshape([p.shape[0]!, 1]);
  }
  const same = t.rank === p.rank && t.shape.every((d, i) => d === p.shape[i]);
  if (!same) {
    throw new NablaError(lossName, `yTrue ${fmtShape(yTrue.shape)} and yPred ${fmtShape(yPred.shape)} must have the same shape`);
  }
  if (t.dtype !== p.dtype) t = t.cast(p.dtype);
  return [t, p];
}
