import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tensor, type Tensor } from '../../tensor/index.js';
import { assertClose } from '../../tensor/test-utils/gradcheck.js';
import { flat, layerFixture } from '../test-utils/fixtures.js';
import { checkLayer } from '../test-utils/layer-harness.js';
import type { SymbolicTensor } from '../symbolic.js';
import { Dot, dot } from './dot.js';
import { input } from './input-layer.js';

const make = (c: ConstructorParameters<typeof Dot>[0]): Dot => new Dot(c);
const f64 = (v: unknown): Tensor => tensor(v as number[], { dtype: 'float64' });

describe('Dot', () => {
  it('passes the harness: vectors, matrices with axis pairs, higher ranks, normalize', () => {
    checkLayer({
      make,
      config: { axes: 1 },
      inputShape: [
        [3, 4],
        [3, 4],
      ],
      expectedOutputShape: [3, 1],
    });
    checkLayer({
      make,
      config: { axes: [1, 2] },
      inputShape: [
        [2, 5, 3],
        [2, 4, 5],
      ],
      expectedOutputShape: [2, 3, 4],
    });
    checkLayer({
      make,
      config: { axes: -1, normalize: true },
      inputShape: [
        [2, 3, 4],
        [2, 2, 4],
      ],
      expectedOutputShape: [2, 3, 2],
    });
    checkLayer({
      make,
      config: { axes: [3, 1] },
      inputShape: [
        [2, 2, 3, 4],
        [2, 4, 2],
      ],
      expectedOutputShape: [2, 2, 3, 2],
    });
    checkLayer({
      make,
      config: { axes: 1 },
      inputShape: [
        [2, 3],
        [2, 3, 2],
      ],
      expectedOutputShape: [2, 2],
    });
  });
  it('matches PyTorch: axes (1, 2), normalized (cosine) products', () => {
    const a = layerFixture('dot_axes_1_2');
    assertClose(
      dot([f64(a['x']), f64(a['y'])], { axes: [1, 2] }).dataSync(),
      flat(a['out']),
      1e-12,
    );
    const n = layerFixture('dot_normalized');
    assertClose(
      dot([f64(n['x']), f64(n['y'])], { axes: 2, normalize: true }).dataSync(),
      flat(n['out']),
      1e-12,
    );
    const c = layerFixture('dot_cosine');
    const cos = dot([f64(c['x']), f64(c['y'])], { axes: 1, normalize: true });
    assert.deepEqual(cos.shape, [3, 1]);
    assertClose(cos.dataSync(), flat(c['out']), 1e-12);
  });
  it('the Keras docstring example: axes (1, 2) on arange inputs', () => {
    const x = tensor([
      [
        [0, 1],
        [2, 3],
        [4, 5],
        [6, 7],
        [8, 9],
      ],
    ]);
    const y = tensor([
      [
        [10, 11, 12, 13, 14],
        [15, 16, 17, 18, 19],
      ],
    ]);
    assert.deepEqual(dot([x, y], { axes: [1, 2] }).arraySync(), [
      [
        [260, 360],
        [320, 445],
      ],
    ]);
  });
  it('infers symbolic shapes', () => {
    const out = dot([input({ shape: [5, 3] }), input({ shape: [4, 5] })], {
      axes: [1, 2],
    }) as SymbolicTensor;
    assert.deepEqual(out.shape, [null, 3, 4]);
  });
  it('rejects the batch axis, mismatched sizes and wrong input counts', () => {
    assert.throws(() => dot([tensor([[1]]), tensor([[1]])], { axes: 0 }), /batch axis/);
    assert.throws(
      () => dot([tensor([[1, 2]]), tensor([[1, 2, 3]])], { axes: 1 }),
      /axis sizes differ: 2/,
    );
    assert.throws(() => new Dot({ axes: 1 }).apply([tensor([[1]])]), /list of 2 inputs/);
    assert.throws(() => new Dot({ axes: [1] as never }), /pair of integers/);
  });
  it('round-trips axes pairs', () => {
    const config = new Dot({ axes: [1, 2], normalize: true }).getConfig();
    assert.deepEqual([config['axes'], config['normalize']], [[1, 2], true]);
  });
});
