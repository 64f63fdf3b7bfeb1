import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Tensor } from '../../tensor/index.js';
import * as init from './index.js';

function stats(t: Tensor): { mean: number; variance: number; min: number; max: number } {
  const data = t.dataSync();
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / data.length;
  let sq = 0;
  for (const v of data) sq += (v - mean) ** 2;
  return { mean, variance: sq / data.length, min, max };
}

/** Checks mean ≈ 0 within 4 standard errors and the variance within 4 %. */
function assertMoments(t: Tensor, expectedVariance: number, expectedMean = 0): void {
  const s = stats(t);
  const stderr = Math.sqrt(expectedVariance / t.size);
  assert.ok(Math.abs(s.mean - expectedMean) < 4 * stderr, `mean ${s.mean} vs ${expectedMean}`);
  const rel = Math.abs(s.variance / expectedVariance - 1);
  assert.ok(
    rel < 0.04,
    `variance ${s.variance} vs ${expectedVariance} (${(rel * 100).toFixed(1)} %)`,
  );
}

const TRUNC = 0.87962566103423978;

describe('variance-scaling initializers', () => {
  const shape = [200, 300]; // fanIn 200, fanOut 300
  it('glorotUniform: U(±√(6/(in+out)))', () => {
    const limit = Math.sqrt(6 / 500);
    const t = init.glorotUniform({ seed: 1 }).init(shape, 'float32');
    const s = stats(t);
    assert.ok(s.min >= -limit && s.max <= limit);
    assert.ok(s.max > 0.99 * limit && s.min < -0.99 * limit);
    assertMoments(t, (limit * limit) / 3);
  });
  it('glorotNormal: truncated, variance 2/(in+out), cut at 2 raw stddevs', () => {
    const t = init.glorotNormal({ seed: 2 }).init(shape, 'float32');
    const raw = Math.sqrt(2 / 500) / TRUNC;
    const s = stats(t);
    assert.ok(s.max <= 2 * raw + 1e-7 && s.min >= -2 * raw - 1e-7);
    assertMoments(t, 2 / 500);
  });
  it('heNormal and heUniform use fanIn with scale 2', () => {
    assertMoments(init.heNormal({ seed: 3 }).init(shape, 'float32'), 2 / 200);
    const u = init.heUniform({ seed: 4 }).init(shape, 'float32');
    assert.ok(stats(u).max <= Math.sqrt(6 / 200));
    assertMoments(u, 2 / 200);
  });
  it('lecunNormal and lecunUniform use fanIn with scale 1', () => {
    assertMoments(init.lecunNormal({ seed: 5 }).init(shape, 'float32'), 1 / 200);
    const u = init.lecunUniform({ seed: 6 }).init(shape, 'float32');
    assert.ok(stats(u).max <= Math.sqrt(3 / 200));
    assertMoments(u, 1 / 200);
  });
  it('varianceScaling: fanOut, untruncated normal, convolution fans', () => {
    // Kernel [3, 3, 16, 32]: receptive field 9, fanIn 144, fanOut 288.
    assert.deepEqual(init.computeFans([3, 3, 16, 32]), [144, 288]);
    assert.deepEqual(init.computeFans([7]), [7, 7]);
    assert.deepEqual(init.computeFans([]), [1, 1]);
    const vs = init.varianceScaling({
      scale: 3,
      mode: 'fanOut',
      distribution: 'untruncatedNormal',
      seed: 7,
    });
    const t = vs.init([3, 3, 16, 32], 'float64');
    assert.equal(t.dtype, 'float64');
    assertMoments(t, 3 / 288);
    // Untruncated: some values beyond two standard deviations exist.
    assert.ok(stats(t).max > 2 * Math.sqrt(3 / 288));
  });
  it('accepts Keras snake_case mode and distribution, and rejects bad ones', () => {
    const vs = init.varianceScaling({ mode: 'fan_avg', distribution: 'truncated_normal' });
    assert.equal(vs.mode, 'fanAvg');
    assert.equal(vs.distribution, 'truncatedNormal');
    assert.throws(() => init.varianceScaling({ scale: 0 }), /scale must be positive/);
    assert.throws(() => init.varianceScaling({ mode: 'fanSum' as never }), /unknown mode/);
  });
});

describe('fixed-distribution initializers', () => {
  it('randomNormal defaults to N(0, 0.05²)', () => {
    assertMoments(init.randomNormal({ seed: 1 }).init([100, 100], 'float32'), 0.0025);
    assertMoments(
      init.randomNormal({ mean: 3, stddev: 2, seed: 1 }).init([100, 100], 'float64'),
      4,
      3,
    );
  });
  it('randomUniform defaults to U(−0.05, 0.05)', () => {
    const t = init.randomUniform({ seed: 2 }).init([100, 100], 'float32');
    const s = stats(t);
    assert.ok(s.min >= -0.05 && s.max < 0.05);
    assertMoments(t, 0.01 / 12);
    assert.throws(() => init.randomUniform({ minval: 1, maxval: 1 }), /below maxval/);
  });
  it('truncatedNormal stays within two stddevs, variance 0.774·stddev²', () => {
    const t = init.truncatedNormal({ stddev: 1, seed: 3 }).init([100, 100], 'float32');
    const s = stats(t);
    assert.ok(s.min >= -2 && s.max <= 2);
    assertMoments(t, TRUNC * TRUNC);
  });
});

describe('deterministic initializers', () => {
  it('zeros, ones, constant', () => {
    assert.deepEqual(init.zeros().init([2, 2], 'float32').arraySync(), [
      [0, 0],
      [0, 0],
    ]);
    assert.deepEqual(init.ones().init([3], 'int32').arraySync(), [1, 1, 1]);
    const c = init.constant({ value: 0.25 }).init([2], 'float64');
    assert.equal(c.dtype, 'float64');
    assert.deepEqual(c.arraySync(), [0.25, 0.25]);
  });
  it('identity: gain · I, rectangular allowed, 2-D only', () => {
    assert.deepEqual(init.identity({ gain: 2 }).init([2, 3], 'float32').arraySync(), [
      [2, 0, 0],
      [0, 2, 0],
    ]);
    assert.throws(() => init.identity().init([2, 2, 2], 'float32'), /2-D/);
  });
});

/** Max |AᵀA − g²I| for a row-major `rows × cols` matrix (columns orthonormal up to gain g). */
function gramError(data: ArrayLike<number>, rows: number, cols: number, gain = 1): number {
  let worst = 0;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += data[r * cols + i]! * data[r * cols + j]!;
      worst = Math.max(worst, Math.abs(dot - (i === j ? gain * gain : 0)));
    }
  }
  return worst;
}

function transpose(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

describe('orthogonal', () => {
  it('tall matrices have orthonormal columns: QᵀQ = I', () => {
    const q = init.orthogonal({ seed: 1 }).init([50, 20], 'float64');
    assert.ok(gramError(q.dataSync(), 50, 20) < 1e-12);
  });
  it('wide matrices have orthonormal rows: QQᵀ = I', () => {
    const q = init.orthogonal({ seed: 2 }).init([20, 50], 'float64');
    assert.ok(gramError(transpose(q.dataSync(), 20, 50), 50, 20) < 1e-12);
  });
  it('square, float32, with gain; kernels are flattened to [prod(shape[:-1]), last]', () => {
    const q = init.orthogonal({ seed: 3 }).init([16, 16], 'float32');
    assert.ok(gramError(q.dataSync(), 16, 16) < 1e-5);
    assert.ok(gramError(transpose(q.dataSync(), 16, 16), 16, 16) < 1e-5);
    const k = init.orthogonal({ gain: 2, seed: 4 }).init([3, 3, 4, 8], 'float64');
    assert.ok(gramError(k.dataSync(), 36, 8, 2) < 1e-12);
  });
  it('needs rank ≥ 2', () => {
    assert.throws(() => init.orthogonal().init([5], 'float32'), /rank ≥ 2/);
  });
});

describe('seeds', () => {
  const seeded: [string, () => init.Initializer][] = [
    ['glorotUniform', () => init.glorotUniform({ seed: 9 })],
    ['heNormal', () => init.heNormal({ seed: 9 })],
    ['randomNormal', () => init.randomNormal({ seed: 9 })],
    ['randomUniform', () => init.randomUniform({ seed: 9 })],
    ['truncatedNormal', () => init.truncatedNormal({ seed: 9 })],
    ['orthogonal', () => init.orthogonal({ seed: 9 })],
  ];
  for (const [name, make] of seeded) {
    it(`${name}: a seed reproduces the values, across calls and instances`, () => {
      const a = make();
      const first = a.init([6, 5], 'float32').dataSync();
      assert.deepEqual(a.init([6, 5], 'float32').dataSync(), first);
      assert.deepEqual(make().init([6, 5], 'float32').dataSync(), first);
    });
  }
  it('different seeds differ; unseeded calls differ from each other', () => {
    const a = init.glorotUniform({ seed: 1 }).init([4, 4], 'float32').dataSync();
    const b = init.glorotUniform({ seed: 2 }).init([4, 4], 'float32').dataSync();
    assert.notDeepEqual(a, b);
    const u = init.glorotUniform();
    assert.notDeepEqual(u.init([4, 4], 'float32').dataSync(), u.init([4, 4], 'float32').dataSync());
  });
});

describe('getInitializer / serializeInitializer', () => {
  it('resolves camelCase, Keras class and snake_case names', () => {
    assert.equal(init.getInitializer('heNormal').className, 'HeNormal');
    assert.equal(init.getInitializer('HeNormal').className, 'HeNormal');
    assert.equal(init.getInitializer('he_normal').className, 'HeNormal');
    assert.equal(init.getInitializer('orthogonal').className, 'OrthogonalInitializer');
    assert.equal(init.getInitializer('Orthogonal').className, 'OrthogonalInitializer');
    assert.equal(init.getInitializer('uniform').className, 'RandomUniform');
    assert.equal(init.getInitializer('glorot_uniform').className, 'GlorotUniform');
  });
  it('passes objects through and rejects unknown names', () => {
    const g = init.glorotNormal();
    assert.equal(init.getInitializer(g), g);
    assert.throws(
      () => init.getInitializer('xavier'),
      /unknown initializer 'xavier'.*glorotUniform/,
    );
  });
  it('round-trips every initializer through its serialised form', () => {
    const all: init.Initializer[] = [
      init.glorotUniform({ seed: 1 }),
      init.glorotNormal({ seed: 1 }),
      init.heUniform({ seed: 1 }),
      init.heNormal({ seed: 1 }),
      init.lecunUniform({ seed: 1 }),
      init.lecunNormal({ seed: 1 }),
      init.varianceScaling({ scale: 2, mode: 'fanAvg', distribution: 'uniform', seed: 1 }),
      init.zeros(),
      init.ones(),
      init.constant({ value: 3 }),
      init.randomNormal({ mean: 1, stddev: 2, seed: 1 }),
      init.randomUniform({ minval: -1, maxval: 2, seed: 1 }),
      init.truncatedNormal({ stddev: 0.5, seed: 1 }),
      init.orthogonal({ gain: 1.5, seed: 1 }),
      init.identity({ gain: 0.5 }),
    ];
    for (const original of all) {
      const json = JSON.parse(JSON.stringify(init.serializeInitializer(original)));
      const copy = init.getInitializer(json);
      assert.deepEqual(init.serializeInitializer(copy), json, original.className);
      assert.deepEqual(
        copy.init([4, 4], 'float32').dataSync(),
        original.init([4, 4], 'float32').dataSync(),
      );
    }
    assert.deepEqual(init.serializeInitializer(init.glorotUniform({ seed: 3 })), {
      className: 'GlorotUniform',
      config: { seed: 3 },
    });
  });
});
