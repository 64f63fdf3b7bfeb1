/** Conformance of fill, cast, copy, gather, scatterAdd, im2col and col2im. */
import { describe, it } from 'node:test';
import type { DType } from '../../core/dtype.js';
import { Random } from '../../core/random.js';
import type { PatchSpec } from '../../backend/backend.js';
import { cpuBackend } from '../cpu/cpu-backend.js';
import { contiguousStrides } from './layout.js';
import { assertTwinClose, randomTwin, randomValues, twin } from './test-utils/twin.js';
import { createWasmBackend } from './create-wasm-backend.js';

const wasm = createWasmBackend({ threads: 2 });
const cpu = cpuBackend;
const rng = new Random(13);
const DTYPES: DType[] = ['float32', 'float64', 'int32', 'bool'];

describe('wasm fill and cast', () => {
  it('fills every dtype', () => {
    for (const dtype of DTYPES) {
      for (const value of [0, 1, -2.5, 7]) {
        const out = twin(wasm, cpu, dtype, 37);
        wasm.fill(out.test, value);
        cpu.fill(out.ref, value);
        assertTwinClose(wasm, cpu, out, `fill ${dtype} ${value}`, 0, 0);
      }
    }
  });

  it('casts between every pair of dtypes', () => {
    for (const from of DTYPES) {
      for (const to of DTYPES) {
        const x = twin(wasm, cpu, from, 33, randomValues(rng, from, 33));
        const out = twin(wasm, cpu, to, 33);
        wasm.cast(x.test, out.test);
        cpu.cast(x.ref, out.ref);
        assertTwinClose(wasm, cpu, out, `cast ${from} → ${to}`, 0, 0);
      }
    }
  });
});

interface CopyCase {
  readonly name: string;
  readonly shape: number[];
  readonly srcSize: number;
  readonly srcOffset: number;
  readonly srcStrides: number[];
  readonly dstSize: number;
  readonly dstOffset: number;
  readonly dstStrides: number[];
}

const COPIES: CopyCase[] = [
  {
    name: 'transpose',
    shape: [33, 7],
    srcSize: 231,
    srcOffset: 0,
    srcStrides: [1, 33],
    dstSize: 231,
    dstOffset: 0,
    dstStrides: [7, 1],
  },
  {
    name: 'slice with steps into an offset',
    shape: [4, 9],
    srcSize: 200,
    srcOffset: 3,
    srcStrides: [40, 2],
    dstSize: 50,
    dstOffset: 5,
    dstStrides: [9, 1],
  },
  {
    name: 'reversed (negative strides)',
    shape: [5, 6],
    srcSize: 30,
    srcOffset: 29,
    srcStrides: [-6, -1],
    dstSize: 30,
    dstOffset: 0,
    dstStrides: [6, 1],
  },
  {
    name: 'broadcast a row',
    shape: [7, 33],
    srcSize: 33,
    srcOffset: 0,
    srcStrides: [0, 1],
    dstSize: 231,
    dstOffset: 0,
    dstStrides: [33, 1],
  },
  {
    name: 'concatenate into a column block',
    shape: [6, 20],
    srcSize: 120,
    srcOffset: 0,
    srcStrides: [20, 1],
    dstSize: 6 * 50,
    dstOffset: 30,
    dstStrides: [50, 1],
  },
  {
    name: 'rank 7 (beyond the wasm kernel)',
    shape: [2, 2, 1, 3, 2, 2, 3],
    srcSize: 144,
    srcOffset: 0,
    srcStrides: [1, 2, 4, 4, 12, 24, 48],
    dstSize: 144,
    dstOffset: 0,
    dstStrides: contiguousStrides([2, 2, 1, 3, 2, 2, 3]),
  },
  {
    name: 'large, split over threads',
    shape: [700, 513],
    srcSize: 513 * 700,
    srcOffset: 0,
    srcStrides: [1, 700],
    dstSize: 513 * 700,
    dstOffset: 0,
    dstStrides: [513, 1],
  },
  {
    name: 'scalar',
    shape: [],
    srcSize: 4,
    srcOffset: 2,
    srcStrides: [],
    dstSize: 3,
    dstOffset: 1,
    dstStrides: [],
  },
];

describe('wasm copy', () => {
  for (const c of COPIES) {
    it(`${c.name}, every dtype`, () => {
      for (const dtype of DTYPES) {
        const src = twin(wasm, cpu, dtype, c.srcSize, randomValues(rng, dtype, c.srcSize));
        const dst = twin(wasm, cpu, dtype, c.dstSize, randomValues(rng, dtype, c.dstSize));
        const args = [c.srcOffset, c.srcStrides] as const;
        wasm.copy(src.test, ...args, dst.test, c.dstOffset, c.dstStrides, c.shape);
        cpu.copy(src.ref, ...args, dst.ref, c.dstOffset, c.dstStrides, c.shape);
        assertTwinClose(wasm, cpu, dst, `copy ${c.name} ${dtype}`, 0, 0);
      }
    });
  }

  it('converts between dtypes through the reference kernel', () => {
    const src = twin(wasm, cpu, 'int32', 12, randomValues(rng, 'int32', 12));
    const dst = twin(wasm, cpu, 'float32', 12);
    wasm.copy(src.test, 0, [1, 3], dst.test, 0, [4, 1], [3, 4]);
    cpu.copy(src.ref, 0, [1, 3], dst.ref, 0, [4, 1], [3, 4]);
    assertTwinClose(wasm, cpu, dst, 'copy int32 → float32', 0, 0);
  });
});

describe('wasm gather and scatterAdd', () => {
  const layouts: [number, number, number, number][] = [
    [1, 10, 1, 7],
    [3, 5, 4, 9],
    [2, 7, 33, 5],
    [1, 60000, 1, 32],
    [4, 50, 128, 300],
  ];
  for (const [outer, axisSize, inner, count] of layouts) {
    it(`[${outer}, ${axisSize}, ${inner}] with ${count} indices (repeats included)`, () => {
      const indices = Array.from({ length: count }, () => rng.int(Math.min(axisSize, 6)));
      for (const dtype of DTYPES) {
        const x = randomTwin(wasm, cpu, rng, dtype, outer * axisSize * inner);
        const idx = twin(wasm, cpu, 'int32', count, indices);
        const out = twin(wasm, cpu, dtype, outer * count * inner);
        wasm.gather(x.test, idx.test, outer, axisSize, inner, out.test);
        cpu.gather(x.ref, idx.ref, outer, axisSize, inner, out.ref);
        assertTwinClose(wasm, cpu, out, `gather ${dtype}`, 0, 0);
        if (dtype === 'bool') continue;
        const src = randomTwin(wasm, cpu, rng, dtype, outer * count * inner);
        const acc = randomTwin(wasm, cpu, rng, dtype, outer * axisSize * inner);
        wasm.scatterAdd(src.test, idx.test, outer, axisSize, inner, acc.test);
        cpu.scatterAdd(src.ref, idx.ref, outer, axisSize, inner, acc.ref);
        assertTwinClose(wasm, cpu, acc, `scatterAdd ${dtype}`, 1e-6, 1e-6);
      }
    });
  }
});

function patchSpec(
  n: number, h: number, w: number, c: number, k: number, stride: number, pad: number,
  dilation: number,
): PatchSpec {
  const span = dilation * (k - 1) + 1;
  const outH = Math.floor((h + 2 * pad - span) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - span) / stride) + 1;
  return {
    n, h, w, c, kh: k, kw: k, outH, outW, strideH: stride, strideW: stride,
    padTop: pad, padLeft: pad, dilationH: dilation, dilationW: dilation,
  };
}

describe('wasm im2col and col2im', () => {
  const specs: PatchSpec[] = [
    patchSpec(2, 5, 5, 1, 3, 1, 1, 1),
    patchSpec(1, 7, 6, 3, 3, 2, 1, 1),
    patchSpec(2, 9, 9, 5, 3, 1, 2, 2),
    patchSpec(3, 4, 4, 8, 2, 2, 0, 1),
    patchSpec(8, 28, 28, 16, 3, 1, 1, 1),
  ];
  for (const s of specs) {
    const name = `n${s.n} ${s.h}x${s.w}x${s.c}, kernel ${s.kh}, stride ${s.strideH}`;
    it(`${name}, pad ${s.padTop}, dilation ${s.dilationH}`, () => {
      const imageSize = s.n * s.h * s.w * s.c;
      const colSize = s.n * s.outH * s.outW * s.kh * s.kw * s.c;
      for (const dtype of DTYPES) {
        const x = twin(wasm, cpu, dtype, imageSize, randomValues(rng, dtype, imageSize));
        const cols = twin(wasm, cpu, dtype, colSize);
        const pad = dtype === 'bool' ? 1 : -1.5;
        wasm.im2col(x.test, s, pad, cols.test);
        cpu.im2col(x.ref, s, pad, cols.ref);
        assertTwinClose(wasm, cpu, cols, `im2col ${dtype}`, 0, 0);
        if (dtype === 'bool') continue;
        const back = twin(wasm, cpu, dtype, imageSize, randomValues(rng, dtype, imageSize));
        wasm.col2im(cols.test, s, back.test);
        cpu.col2im(cols.ref, s, back.ref);
        assertTwinClose(wasm, cpu, back, `col2im ${dtype}`, 1e-6, 1e-6);
      }
    });
  }
});
