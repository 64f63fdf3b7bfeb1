/**
 * Convolutions: values and gradients against PyTorch (test/fixtures/conv/make_conv.py), float64
 * finite-difference gradient checks, the transpose as the adjoint, and the cost of one conv2d.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Backend } from '../../backend/backend.js';
import * as nb from '../index.js';
import type { Tensor } from '../tensor.js';
import { assertClose, gradcheck, rand64 } from '../test-utils/gradcheck.js';

interface Flat {
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  x: Flat;
  kernel: Flat;
  options: Record<string, unknown>;
  out: Flat;
  upstream?: Flat;
  gradX?: Flat;
  gradKernel?: Flat;
}

function fixture(name: string): Case[] {
  const url = new URL(`../../../test/fixtures/conv/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: Case[] }).cases;
}

const t64 = (f: Flat): Tensor => nb.tensor(Float64Array.from(f.data), { shape: f.shape });

function checkForward(c: Case, f: (x: Tensor, k: Tensor) => Tensor): void {
  nb.tidy(() => {
    const y = f(t64(c.x), t64(c.kernel));
    assert.deepEqual(y.shape, c.out.shape);
    assertClose(y.dataSync(), c.out.data, 1e-12, c.name);
  });
}

describe('conv2d', () => {
  for (const c of fixture('conv2d')) {
    const conv = (x: Tensor, k: Tensor): Tensor => nb.conv2d(x, k, c.options);
    it(`${c.name}: forward and gradients match PyTorch`, () => {
      checkForward(c, conv);
      nb.tidy(() => {
        const x = t64(c.x).requireGrad();
        const k = t64(c.kernel).requireGrad();
        conv(x, k).mul(t64(c.upstream!)).sum().backward();
        assertClose(x.grad!.dataSync(), c.gradX!.data, 1e-12, 'gradX');
        assertClose(k.grad!.dataSync(), c.gradKernel!.data, 1e-12, 'gradKernel');
      });
    });
    it(`${c.name}: gradients match finite differences`, () => {
      nb.tidy(() => gradcheck(`conv2d ${c.name}`, conv, [t64(c.x), t64(c.kernel)]));
    });
  }

  it('float32 agrees with float64', () => {
    const c = fixture('conv2d')[1]!;
    nb.tidy(() => {
      const y = nb.conv2d(t64(c.x).cast('float32'), t64(c.kernel).cast('float32'), c.options);
      assert.equal(y.dtype, 'float32');
      assertClose(y.dataSync(), c.out.data, 1e-5);
    });
  });

  it('is one im2col and one matmul for a batch (no per-image loop, no copies)', () => {
    const calls = new Map<string, number>();
    const base = nb.backend();
    const counting = new Proxy(base, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Backend;
    nb.setBackend(counting);
    try {
      nb.tidy(() => {
        const x = nb.randomUniform([32, 28, 28, 1], { seed: 1 });
        const k = nb.randomUniform([3, 3, 1, 32], { seed: 2 });
        calls.clear();
        const y = nb.conv2d(x, k, { padding: 'same' });
        assert.deepEqual(y.shape, [32, 28, 28, 32]);
        assert.equal(calls.get('im2col'), 1);
        assert.equal(calls.get('matmul'), 1);
        assert.equal(calls.get('copy') ?? 0, 0);
      });
    } finally {
      nb.setBackend(base);
    }
  });

  it('leaves no intermediates behind when no graph is recorded', () => {
    const x = rand64([2, 5, 5, 4], 1);
    const k = rand64([3, 3, 2, 4], 2);
    const before = nb.memory().numTensors;
    const y = nb.conv2d(x, k, { groups: 2, padding: 'same' });
    assert.equal(nb.memory().numTensors, before + 1);
    for (const t of [x, k, y]) t.dispose();
  });

  it('names the op and the shapes in errors', () => {
    nb.tidy(() => {
      const x = nb.zeros([1, 5, 5, 3]);
      const k = (...shape: number[]): Tensor => nb.zeros(shape);
      const expectations: [() => unknown, RegExp][] = [
        [() => nb.conv2d(x, k(3, 3, 2, 4)), /conv2d: .*expects 2 input channels, got x \[1,5,5,3/],
        [() => nb.conv2d(x, k(3, 3, 1, 4), { groups: 3 }), /groups must be .* dividing the 4/],
        [() => nb.conv2d(x, k(7, 7, 3, 4)), /does not fit input \[1,5,5,3\]/],
        [() => nb.conv2d(k(5, 5, 3), k(3, 3, 3, 4)), /x must be \[batch, height, width, chan/],
        [() => nb.conv2d(x, k(3, 3, 3, 4), { strides: 0 }), /strides must be a positive integer/],
      ];
      for (const [f, message] of expectations) assert.throws(f, message);
    });
  });
});

describe('conv1d', () => {
  for (const c of fixture('conv1d')) {
    const conv = (x: Tensor, k: Tensor): Tensor => nb.conv1d(x, k, c.options);
    it(`${c.name}: forward matches PyTorch, gradients match finite differences`, () => {
      checkForward(c, conv);
      nb.tidy(() => gradcheck(`conv1d ${c.name}`, conv, [t64(c.x), t64(c.kernel)]));
    });
  }

  it('causal output at step t depends only on steps ≤ t', () => {
    nb.tidy(() => {
      const k = rand64([3, 1, 1], 3);
      const a = rand64([1, 6, 1], 4);
      const changed = a.dataSync().slice();
      changed[4] = 10;
      const b = nb.tensor(changed, { shape: [1, 6, 1] });
      const ya = nb.conv1d(a, k, { padding: 'causal', dilation: 2 }).dataSync();
      const yb = nb.conv1d(b, k, { padding: 'causal', dilation: 2 }).dataSync();
      assert.deepEqual([...ya.slice(0, 4)], [...yb.slice(0, 4)]);
      assert.notEqual(ya[4], yb[4]);
    });
  });
});

describe('depthwiseConv2d', () => {
  for (const c of fixture('depthwise_conv2d')) {
    const conv = (x: Tensor, k: Tensor): Tensor => nb.depthwiseConv2d(x, k, c.options);
    it(`${c.name}: forward matches PyTorch, gradients match finite differences`, () => {
      checkForward(c, conv);
      nb.tidy(() => gradcheck(`depthwiseConv2d ${c.name}`, conv, [t64(c.x), t64(c.kernel)]));
    });
  }
});

describe('conv2dTranspose', () => {
  for (const c of fixture('conv2d_transpose')) {
    const conv = (x: Tensor, k: Tensor): Tensor => nb.conv2dTranspose(x, k, c.options);
    it(`${c.name}: forward matches PyTorch, gradients match finite differences`, () => {
      checkForward(c, conv);
      nb.tidy(() => gradcheck(`conv2dTranspose ${c.name}`, conv, [t64(c.x), t64(c.kernel)]));
    });
  }

  it('is the adjoint of conv2d: <conv2d(y, K), x> = <y, conv2dTranspose(x, K)>', () => {
    nb.tidy(() => {
      const options = { strides: [2, 3] as const, padding: 'same' as const, dilation: 1 };
      const k = rand64([3, 2, 4, 5], 1); // conv2d: 4 → 5 channels; transpose: 5 → 4
      const x = rand64([2, 3, 2, 5], 2);
      const up = nb.conv2dTranspose(x, k, options);
      assert.deepEqual(up.shape, [2, 6, 6, 4]);
      const y = rand64(up.shape, 3);
      const lhs = nb.conv2d(y, k, options).mul(x).sum().item();
      const rhs = y.mul(up).sum().item();
      assert.ok(Math.abs(lhs - rhs) < 1e-12, `${lhs} vs ${rhs}`);
    });
  });

  it('refuses an output padding not smaller than the stride', () => {
    nb.tidy(() => {
      const x = nb.zeros([1, 3, 3, 2]);
      const k = nb.zeros([3, 3, 2, 2]);
      assert.throws(
        () => nb.conv2dTranspose(x, k, { strides: 2, outputPadding: 2 }),
        /conv2dTranspose: outputPadding must be .* smaller than the strides \[2,2\]/,
      );
    });
  });
});

describe('foldPatches', () => {
  it('gradient (im2col) matches finite differences', () => {
    const options = { kernelSize: [3, 2], strides: [2, 1], padding: 'same' } as const;
    const spec = nb.patchSpec('test', [2, 5, 4, 3], options);
    const cols = rand64([2, spec.outH, spec.outW, 3 * 2 * 3], 5);
    nb.tidy(() => gradcheck('foldPatches', (c) => nb.foldPatches(c, spec), [cols]));
  });
});
