import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import * as con from './index.js';

// Column norms (axis 0): 5 and 1. Row norms (axis 1): 3 and √17.
const w = () =>
  tensor(
    [
      [3, 0],
      [4, 1],
    ],
    { dtype: 'float64' },
  );

describe('constraints', () => {
  it('maxNorm rescales columns above maxValue (default axis 0)', () => {
    const out = con.maxNorm({ maxValue: 2 }).apply(w()).dataSync();
    assertClose(out, [1.2, 0, 1.6, 1], 1e-6);
  });
  it('maxNorm over rows and over the whole tensor', () => {
    const rows = con.maxNorm({ maxValue: 2, axis: 1 }).apply(w()).dataSync();
    const s = 2 / Math.sqrt(17);
    assertClose(rows, [2, 0, 4 * s, s], 1e-6);
    const all = con
      .maxNorm({ maxValue: 1, axis: [0, 1] })
      .apply(w())
      .dataSync();
    const n = Math.sqrt(26);
    assertClose(all, [3 / n, 0, 4 / n, 1 / n], 1e-6);
  });
  it('unitNorm normalises each column', () => {
    assertClose(con.unitNorm().apply(w()).dataSync(), [0.6, 0, 0.8, 1], 1e-6);
  });
  it('minMaxNorm moves norms into range at the given rate', () => {
    // col 0: 0.5·3 + 0.5·5 = 4 → ×4/5; col 1: 0.5·2 + 0.5·1 = 1.5 → ×1.5.
    const out = con.minMaxNorm({ minValue: 2, maxValue: 3, rate: 0.5 }).apply(w()).dataSync();
    assertClose(out, [2.4, 0, 3.2, 1.5], 1e-6);
    // Defaults [0, 1], rate 1: unit-capped columns.
    assertClose(con.minMaxNorm().apply(w()).dataSync(), [0.6, 0, 0.8, 1], 1e-6);
  });
  it('nonNeg zeroes negative weights', () => {
    const out = con
      .nonNeg()
      .apply(
        tensor([
          [1, -2],
          [0, 3],
        ]),
      )
      .arraySync();
    assert.deepEqual(out, [
      [1, 0],
      [0, 3],
    ]);
  });
  it('zero columns stay finite (epsilon)', () => {
    const out = con
      .unitNorm()
      .apply(
        tensor([
          [0, 1],
          [0, 0],
        ]),
      )
      .dataSync();
    assert.deepEqual(
      Array.from(out),
      [0, 1, 0, 0].map((v) => v / (1 + 1e-7)).map((v) => Math.fround(v)),
    );
  });
  it('validates options', () => {
    assert.throws(() => con.maxNorm({ maxValue: -1 }), /maxValue must be ≥ 0/);
    assert.throws(() => con.minMaxNorm({ minValue: 2, maxValue: 1 }), /minValue ≤ maxValue/);
    assert.throws(() => con.minMaxNorm({ rate: 2 }), /rate must be in \[0, 1\]/);
  });
  it('resolves names and round-trips serialised forms, including Keras snake_case keys', () => {
    assert.equal(con.getConstraint('nonNeg').className, 'NonNeg');
    assert.equal(con.getConstraint('non_neg').className, 'NonNeg');
    assert.equal(con.getConstraint('MaxNorm').className, 'MaxNorm');
    assert.equal(con.getConstraint(undefined), null);
    const all = [
      con.maxNorm({ maxValue: 3, axis: 1 }),
      con.nonNeg(),
      con.unitNorm({ axis: [0, 1] }),
      con.minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.3 }),
    ];
    for (const c of all) {
      const json = JSON.parse(JSON.stringify(con.serializeConstraint(c)));
      assert.deepEqual(con.serializeConstraint(con.getConstraint(json)), json);
    }
    const keras = con.getConstraint({ className: 'MaxNorm', config: { max_value: 4, axis: 0 } });
    assert.deepEqual(keras.getConfig(), { maxValue: 4, axis: 0 });
    assert.throws(() => con.getConstraint('positive'), /unknown constraint 'positive'/);
  });
});
