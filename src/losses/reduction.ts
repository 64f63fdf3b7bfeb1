/** Weighting and reducing per-sample loss values (Keras's `reduce_weighted_values`). */
import { NablaError, fmtShape } from '../core/errors.js';
import type { Tensor } from '../tensor/index.js';

/**
 * How a loss reduces its weighted per-sample values: `'sumOverBatchSize'` (sum / number of
 * values, Keras's default), `'sum'`, or `'none'` (the weighted values themselves).
 */
export type Reduction = 'sumOverBatchSize' | 'sum' | 'none';

/**
 * Brings `weight` to a shape that broadcasts against `values`: trailing size-1 axes beyond the
 * rank of `values` are dropped (`[batch, 1]` for `[batch]` values), missing trailing axes are
 * added (`[batch]` for `[batch, time]` values). A scalar weight applies to every value.
 */
function alignWeight(lossName: string, weight: Tensor, values: Tensor): Tensor {
  let w = weight.dtype === values.dtype ? weight : weight.cast(values.dtype);
  if (w.rank === 0) return w;
  while (w.rank > values.rank && w.shape[w.rank - 1] === 1) w = w.reshape(w.shape.slice(0, -1));
  const fits = w.rank <= values.rank && w.shape.every((d, i) => d === values.shape[i] || d === 1);
  if (!fits) {
    const problem = `does not match the per-sample losses ${fmtShape(values.shape)}`;
    throw new NablaError(lossName, `sampleWeight ${fmtShape(weight.shape)} ${problem}`);
  }
  if (w.rank < values.rank) w = w.reshape([...w.shape, ...values.shape.slice(w.rank).map(() => 1)]);
  return w;
}

/** `values · sampleWeight`, reduced as `reduction` says. */
export function reduceWeighted(
  lossName: string,
  values: Tensor,
  sampleWeight: Tensor | null,
  reduction: Reduction,
): Tensor {
  const weighted = sampleWeight ? values.mul(alignWeight(lossName, sampleWeight, values)) : values;
  if (reduction === 'none') return weighted;
  if (reduction === 'sum') return weighted.sum();
  return weighted.mean();
}
