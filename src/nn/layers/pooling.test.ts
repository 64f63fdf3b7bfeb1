/**
 * The pooling layers: the layer harness (shapes, config round trip, float64 finite-difference
 * gradients, no leaks), Keras's defaults, and the masked global average.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../tensor/index.js';
import { assertClose, rand64 } from '../../tensor/test-utils/gradcheck.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { averagePooling1D } from './average-pooling1d.js';
import { AveragePooling2D, averagePooling2D } from './average-pooling2d.js';
import { globalAveragePooling1D } from './global-average-pooling1d.js';
import { globalAveragePooling2D } from './global-average-pooling2d.js';
import { globalMaxPooling1D } from './global-max-pooling1d.js';
import { globalMaxPooling2D } from './global-max-pooling2d.js';
import { maxPooling1D } from './max-pooling1d.js';
import { MaxPooling2D, maxPooling2D } from './max-pooling2d.js';

describe('MaxPooling2D and AveragePooling2D', () => {
  it('pass the harness with the Keras defaults (2x2, strides = pool size, valid)', () => {
    for (const make of [maxPooling2D, averagePooling2D]) {
      const r = checkLayer({ make, config: {}, inputShape: [2, 5, 4, 3], expectedParams: 0 });
      assert.deepEqual(r.outputShapes, [[2, 2, 2, 3]]);
    }
  });
  it("pass the harness with 'same' padding and overlapping windows", () => {
    for (const make of [maxPooling2D, averagePooling2D]) {
      checkLayer({
        make,
        config: { poolSize: [3, 2], strides: [2, 1], padding: 'same' },
        inputShape: [2, 5, 3, 2],
        expectedOutputShape: [2, 3, 3, 2],
      });
    }
  });
  it('compute the window max and mean', () => {
    nb.tidy(() => {
      const x = nb.arange(1, 17, 1, { dtype: 'float32' }).reshape([1, 4, 4, 1]);
      const max = maxPooling2D().apply(x) as nb.Tensor;
      assert.deepEqual(Array.from(max.dataSync()), [6, 8, 14, 16]);
      const avg = averagePooling2D({ poolSize: 2 }).apply(x) as nb.Tensor;
      assert.deepEqual(Array.from(avg.dataSync()), [3.5, 5.5, 11.5, 13.5]);
    });
  });
  it('serialise resolved strides, as Keras does', () => {
    const config = new MaxPooling2D({ poolSize: 3, name: 'p' }).getConfig();
    assert.deepEqual(config, {
      name: 'p',
      trainable: true,
      dtype: 'float32',
      poolSize: [3, 3],
      strides: [3, 3],
      padding: 'valid',
      dataFormat: 'channelsLast',
    });
    assert.deepEqual(new AveragePooling2D({ strides: 1 }).strides, [1, 1]);
  });
  it('refuse bad options and ranks', () => {
    assert.throws(() => maxPooling2D({ poolSize: 0 }), /maxPooling2D: poolSize must be a positive/);
    const causal = { padding: 'causal' as never };
    assert.throws(() => averagePooling2D(causal), /averagePooling2D: padding must be 'valid' or/);
    const layer = maxPooling2D({ name: 'mp' });
    nb.tidy(() => {
      const x = nb.zeros([2, 4, 4]);
      assert.throws(() => layer.apply(x), /mp: expects one input \[batch, height, .*got \[2,4,4\]/);
    });
  });
});

describe('MaxPooling1D and AveragePooling1D', () => {
  it('pass the harness', () => {
    for (const make of [maxPooling1D, averagePooling1D]) {
      checkLayer({ make, config: {}, inputShape: [2, 7, 3], expectedOutputShape: [2, 3, 3] });
      checkLayer({
        make,
        config: { poolSize: 3, strides: 2, padding: 'same' },
        inputShape: [2, 6, 2],
        expectedOutputShape: [2, 3, 2],
      });
    }
  });
  it("average 'same' divides by the real steps", () => {
    nb.tidy(() => {
      const x = nb.tensor([[[2], [4], [6]]]);
      const layer = averagePooling1D({ poolSize: 2, strides: 1, padding: 'same' });
      const y = layer.apply(x) as nb.Tensor;
      // Windows [2, 4], [4, 6], [6, pad]: the last averages one real step.
      assert.deepEqual(Array.from(y.dataSync()), [3, 5, 6]);
    });
  });
});

describe('global pooling', () => {
  it('pass the harness, with and without keepDims', () => {
    for (const make of [globalAveragePooling2D, globalMaxPooling2D]) {
      checkLayer({ make, config: {}, inputShape: [2, 3, 2, 4], expectedOutputShape: [2, 4] });
      const kept = checkLayer({ make, config: { keepDims: true }, inputShape: [2, 3, 2, 4] });
      assert.deepEqual(kept.outputShapes, [[2, 1, 1, 4]]);
    }
    for (const make of [globalAveragePooling1D, globalMaxPooling1D]) {
      checkLayer({ make, config: {}, inputShape: [2, 5, 3], expectedOutputShape: [2, 3] });
      const kept = checkLayer({ make, config: { keepDims: true }, inputShape: [2, 5, 3] });
      assert.deepEqual(kept.outputShapes, [[2, 1, 3]]);
    }
  });
  it('keep unknown dimensions unknown', () => {
    assert.deepEqual(globalAveragePooling2D().computeOutputShape([null, null, null, 8]), [null, 8]);
    const kept = globalMaxPooling1D({ keepDims: true });
    assert.deepEqual(kept.computeOutputShape([null, null, 8]), [null, 1, 8]);
  });
  it('GlobalAveragePooling1D averages only the unmasked steps', () => {
    nb.tidy(() => {
      const x = rand64([2, 4, 3], 1);
      const mask = nb.tensor([[true, true, false, false], [true, true, true, true]]);
      const y = globalAveragePooling1D().apply(x, { mask }) as nb.Tensor;
      const first = x.slice([0, 0, 0], [1, 2, 3]).mean(1);
      const second = x.slice([1, 0, 0], [2, 4, 3]).mean(1);
      assertClose(y.dataSync(), [...first.dataSync(), ...second.dataSync()], 1e-15);
    });
  });
});
