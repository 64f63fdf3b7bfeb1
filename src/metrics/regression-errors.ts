/** Elementwise errors averaged per sample, shared by the regression metrics. */
import type { Tensor } from '../tensor/index.js';
import { batchOf, checkSameElements, meanPerSample } from './host.js';

/** `mean(f(yTrue − yPred))` over each sample's elements. */
export function meanErrorPerSample(
  metric: string,
  yTrue: Tensor,
  yPred: Tensor,
  f: (difference: number) => number,
): Float64Array {
  checkSameElements(metric, yTrue, yPred);
  const t = yTrue.dataSync();
  const p = yPred.dataSync();
  const errors = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) errors[i] = f(t[i]! - p[i]!);
  return meanPerSample(errors, batchOf(yPred.shape));
}
