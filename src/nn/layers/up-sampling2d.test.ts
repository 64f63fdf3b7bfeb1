import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { upSampling2D } from './up-sampling2d.js';

describe('UpSampling2D', () => {
  it('passes the harness (default 2x2, and [1, 3])', () => {
    const r = checkLayer({ make: upSampling2D, config: {}, inputShape: [2, 2, 3, 2] });
    assert.deepEqual(r.outputShapes, [[2, 4, 6, 2]]);
    checkLayer({
      make: upSampling2D,
      config: { size: [1, 3] },
      inputShape: [1, 2, 2, 3],
      expectedOutputShape: [1, 2, 6, 3],
      expectedParams: 0,
    });
  });

  it('repeats each pixel as a block, and sums the block gradient', () => {
    nb.tidy(() => {
      const x = nb.tensor([[[[1], [2]], [[3], [4]]]]).requireGrad();
      const y = upSampling2D({ size: [2, 1] }).apply(x) as nb.Tensor;
      assert.deepEqual(y.arraySync(), [[[[1], [2]], [[1], [2]], [[3], [4]], [[3], [4]]]]);
      const weights = nb.tensor([1, 10, 100, 1000, 1, 2, 3, 4], { shape: [1, 4, 2, 1] });
      y.mul(weights).sum().backward();
      assert.deepEqual(Array.from(x.grad!.dataSync()), [101, 1010, 4, 6]);
    });
  });

  it('keeps unknown sizes unknown and refuses bilinear', () => {
    const shape = upSampling2D({ size: 3 }).computeOutputShape([null, 4, null, 2]);
    assert.deepEqual(shape, [null, 12, null, 2]);
    const bilinear = { interpolation: 'bilinear' as never };
    assert.throws(() => upSampling2D(bilinear), /only interpolation 'nearest'/);
    assert.throws(() => upSampling2D({ size: 0 }), /upSampling2D: size must be a positive integer/);
  });
});
