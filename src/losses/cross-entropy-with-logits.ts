/** Cross-entropies computed from logits, stable for any input (TensorFlow's names). */
import { NablaError, fmtShape, normAxis } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';

function checkSameShape(op: string, labels: Tensor, logits: Tensor): void {
  const same = labels.rank === logits.rank && labels.shape.every((d, i) => d === logits.shape[i]);
  if (!same) {
    const shapes = `labels ${fmtShape(labels.shape)} and logits ${fmtShape(logits.shape)}`;
    throw new NablaError(op, `${shapes} must have the same shape`);
  }
}

/**
 * Softmax cross-entropy straight from logits: `−Σ labels · logSoftmax(logits)` along `axis`.
 * Going through `logSoftmax` keeps saturated logits (±100) finite, and its gradient with
 * respect to the logits is the familiar `softmax(logits) · Σlabels − labels`.
 *
 * Shapes: `[batch, …, classes]` (both) → `[batch, …]`.
 *
 * @example softmaxCrossEntropyWithLogits(nb.tensor([[0, 1]]), nb.tensor([[0, 0]])) // [ln 2]
 */
export function softmaxCrossEntropyWithLogits(labels: Tensor, logits: Tensor, axis = -1): Tensor {
  checkSameShape('softmaxCrossEntropyWithLogits', labels, logits);
  const a = normAxis('softmaxCrossEntropyWithLogits', axis, logits.rank, logits.shape);
  return labels.mul(logits.logSoftmax(a)).sum(a).neg();
}

/**
 * Elementwise sigmoid cross-entropy from logits x and targets z, written in the stable form
 * `max(x, 0) − x·z + ln(1 + e^(−|x|))` (`softplus(x) − x·z`), which never overflows.
 *
 * Shapes: any (both the same) → the same.
 */
export function sigmoidCrossEntropyWithLogits(labels: Tensor, logits: Tensor): Tensor {
  checkSameShape('sigmoidCrossEntropyWithLogits', labels, logits);
  return logits.softplus().sub(logits.mul(labels));
}
