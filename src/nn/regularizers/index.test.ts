import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import * as reg from './index.js';

// Σ|x| = 10, Σx² = 30.
const x = () =>
  tensor([
    [1, -2],
    [3, -4],
  ]);

describe('regularizers', () => {
  it('l1 and l2 default to 0.01 (Keras)', () => {
    assertClose([reg.l1().call(x()).item()], [0.1]);
    assertClose([reg.l2().call(x()).item()], [0.3]);
    assertClose([reg.l1({ l1: 0.5 }).call(x()).item()], [5]);
    assertClose([reg.l2({ l2: 2 }).call(x()).item()], [60], 1e-5);
  });
  it('l1l2 adds both; its factors default to 0, the string "l1l2" to 0.01 each', () => {
    assertClose([reg.l1l2({ l1: 0.5, l2: 0.25 }).call(x()).item()], [12.5], 1e-5);
    assert.equal(reg.l1l2().call(x()).item(), 0);
    assertClose([reg.l1l2({ l2: 0.1 }).call(x()).item()], [3], 1e-6);
    assertClose([reg.getRegularizer('l1l2').call(x()).item()], [0.4], 1e-6);
    assertClose([reg.getRegularizer('l1_l2').call(x()).item()], [0.4], 1e-6);
  });
  it('gradients: l1·sign(x) and 2·l2·x', () => {
    const w = tensor(
      [
        [1, -2],
        [3, -4],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    reg.l1l2({ l1: 0.5, l2: 0.25 }).call(w).backward();
    assertClose(w.grad!.dataSync(), [0.5 + 0.5, -0.5 - 1, 0.5 + 1.5, -0.5 - 2]);
  });
  it('keeps the dtype of the weight', () => {
    const w = tensor([1, 2], { dtype: 'float64' });
    assert.equal(reg.l2().call(w).dtype, 'float64');
  });
  it('rejects negative or non-finite factors', () => {
    assert.throws(() => reg.l1({ l1: -1 }), /l1 must be a non-negative/);
    assert.throws(() => reg.l1l2({ l2: Number.NaN }), /l2 must be a non-negative/);
  });
  it('resolves names, passes objects and round-trips serialised forms', () => {
    assert.equal(reg.getRegularizer('l2').className, 'L2');
    assert.equal(reg.getRegularizer(null), null);
    const r = reg.l1l2({ l1: 0.3, l2: 0.7 });
    assert.equal(reg.getRegularizer(r), r);
    const json = JSON.parse(JSON.stringify(reg.serializeRegularizer(r)));
    assert.deepEqual(json, { className: 'L1L2', config: { l1: 0.3, l2: 0.7 } });
    assert.deepEqual(reg.serializeRegularizer(reg.getRegularizer(json)), json);
    assert.equal(reg.serializeRegularizer(null), null);
    assert.throws(() => reg.getRegularizer('l3'), /unknown regularizer 'l3'/);
  });
});
