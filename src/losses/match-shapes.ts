/** Shape checks shared by the losses: Keras's rank alignment, then a strict comparison. */
import { NablaError, fmtShape } from '../core/errors.js';
import { isFloat } from '../core/dtype.js';
import type { Tensor } from '../tensor/index.js';

/** The error for inputs that do not fit: `loss: yTrue [2,3] and yPred [2,4] <problem>`. */
export function shapeError(
  lossName: string,
  yTrue: Tensor,
  yPred: Tensor,
  problem: string,
): NablaError {
  const shapes = `yTrue ${fmtShape(yTrue.shape)} and yPred ${fmtShape(yPred.shape)}`;
  return new NablaError(lossName, `${shapes} ${problem}`);
}

/** Throws unless `yPred` is a float tensor and both have a batch axis. */
export function checkPrediction(lossName: string, yTrue: Tensor, yPred: Tensor): void {
  if (!isFloat(yPred.dtype)) {
    const shapes = `(yTrue ${fmtShape(yTrue.shape)}, yPred ${fmtShape(yPred.shape)})`;
    const problem = `yPred must be float32 or float64, got ${yPred.dtype}`;
    throw new NablaError(lossName, `${problem} ${shapes}`);
  }
  if (yPred.rank === 0 || yTrue.rank === 0) {
    throw shapeError(lossName, yTrue, yPred, 'need a batch axis');
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
  if (!same) throw shapeError(lossName, yTrue, yPred, 'must have the same shape');
  if (t.dtype !== p.dtype) t = t.cast(p.dtype);
  return [t, p];
}
