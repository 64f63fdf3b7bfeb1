import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../tensor/index.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import { ZeroPadding2D, zeroPadding2D } from './zero-padding2d.js';

describe('ZeroPadding2D', () => {
  it('passes the harness (default 1 on every side, and asymmetric)', () => {
    const r = checkLayer({ make: zeroPadding2D, config: {}, inputShape: [2, 2, 3, 2] });
    assert.deepEqual(r.outputShapes, [[2, 4, 5, 2]]);
    checkLayer({
      make: zeroPadding2D,
      config: { padding: [[0, 2], [1, 0]] },
      inputShape: [1, 2, 2, 1],
      expectedOutputShape: [1, 4, 3, 1],
      expectedParams: 0,
    });
  });

  it('places zeros around the image', () => {
    nb.tidy(() => {
      const x = nb.tensor([[[[1], [2]]]]);
      const y = zeroPadding2D({ padding: [1, 0] }).apply(x) as nb.Tensor;
      assert.deepEqual(y.arraySync(), [[[[0], [0]], [[1], [2]], [[0], [0]]]]);
    });
  });

  it('normalises every padding form to [[top, bottom], [left, right]]', () => {
    assert.deepEqual(new ZeroPadding2D({ padding: 2 }).padding, [[2, 2], [2, 2]]);
    assert.deepEqual(new ZeroPadding2D({ padding: [1, 3] }).padding, [[1, 1], [3, 3]]);
    const full = new ZeroPadding2D({ padding: [[0, 1], [2, 3]] });
    assert.deepEqual(full.getConfig()['padding'], [[0, 1], [2, 3]]);
    assert.deepEqual(zeroPadding2D().computeOutputShape([null, null, 4, 3]), [null, null, 6, 3]);
    assert.throws(() => zeroPadding2D({ padding: -1 }), /zeroPadding2D: padding must be non-negat/);
    const triple = { padding: [[1, 2, 3], [0, 0]] as never };
    assert.throws(() => zeroPadding2D(triple), /padding must be/);
  });
});
