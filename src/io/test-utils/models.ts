/** Small models and data for the io tests, built the same way every time (seeded). */
import { setSeed } from '../../core/random.js';
import { model, sequential, type Model } from '../../models/index.js';
import { concatenate, dense, dropout, input, pReLU } from '../../nn/layers/index.js';
import { oneHot, randomNormal, tensor, type Tensor } from '../../tensor/index.js';

/** dense 8 relu → dense 3 softmax on 4 features. */
export function smallSequential(seed = 1): Model {
  setSeed(seed);
  return sequential([
    dense({ units: 8, activation: 'relu', inputShape: [4], name: 'hidden' }),
    dense({ units: 3, activation: 'softmax', name: 'probs' }),
  ]);
}

/**
 * Two inputs, concatenated, a PReLU (its own weights), dropout, and two outputs: every kind of
 * graph edge a functional model file must restore.
 */
export function smallFunctional(seed = 2): Model {
  setSeed(seed);
  const a = input({ shape: [3], name: 'a' });
  const b = input({ shape: [2], name: 'b' });
  const joined = concatenate().apply([a, b]);
  const hidden = pReLU({ name: 'act' }).apply(
    dense({ units: 6, name: 'mix' }).apply(joined) as never,
  );
  const dropped = dropout({ rate: 0.5, name: 'drop' }).apply(hidden as never);
  const classes = dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(dropped as never);
  const value = dense({ units: 1, name: 'reg' }).apply(hidden as never);
  return model({ inputs: [a, b], outputs: [classes, value] as never, name: 'two_heads' });
}

/** 32 samples of 4 features and one-hot labels of 3 classes. */
export function smallData(seed = 3): { x: Tensor; y: Tensor } {
  const x = randomNormal([32, 4], { seed });
  const labels = Array.from({ length: 32 }, (_, i) => (i * 7) % 3);
  return { x, y: oneHot(tensor(labels, { dtype: 'int32' }), 3) };
}

/** Every weight's values, in model order, as plain arrays (for exact comparison). */
export function weightValues(m: Model): number[][] {
  return m.weights.map((w) => Array.from(w.value.dataSync()));
}
