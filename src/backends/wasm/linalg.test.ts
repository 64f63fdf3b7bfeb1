/** Conformance of matmul, reductions, softmax and the fused optimizer updates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DType } from '../../core/dtype.js';
import { Random } from '../../core/random.js';
import type { MatmulSpec, ReduceOp } from '../../backend/backend.js';
import { cpuBackend } from '../cpu/cpu-backend.js';
import * as ref from '../cpu/kernels.js';
import { assertAllClose, assertTwinClose, randomTwin, randomValues, twin } from './test-utils/twin.js';
import { createWasmBackend } from './create-wasm-backend.js';

const wasm = createWasmBackend({ threads: 2 });
const cpu = cpuBackend;
const rng = new Random(11);

function checkMatmul(spec: MatmulSpec, dtype: DType = 'float32'): void {
  const { batch, m, n, k } = spec;
  const aSize = spec.aBatchStride * (batch - 1) + m * k;
  const bSize = spec.bBatchStride * (batch - 1) + k * n;
  const a = twin(wasm, cpu, dtype, aSize, randomValues(rng, dtype, aSize, -1, 1));
  const b = twin(wasm, cpu, dtype, bSize, randomValues(rng, dtype, bSize, -1, 1));
  const start = spec.accumulate ? randomValues(rng, dtype, batch * m * n) : undefined;
  const out = twin(wasm, cpu, dtype, batch * m * n, start);
  wasm.matmul(a.test, b.test, out.test, spec);
  cpu.matmul(a.ref, b.ref, out.ref, spec);
  const tol = dtype === 'float32' ? 2e-6 * Math.sqrt(k + 1) : 1e-12;
  assertTwinClose(wasm, cpu, out, `matmul ${JSON.stringify(spec)}`, tol, tol);
}

/** A matmul spec with contiguous, non-broadcast batches. */
function spec(m: number, n: number, k: number, extra: Partial<MatmulSpec> = {}): MatmulSpec {
  const batch = extra.batch ?? 1;
  return {
    batch,
    m,
    n,
    k,
    transA: false,
    transB: false,
    aBatchStride: m * k,
    bBatchStride: k * n,
    ...extra,
  };
}

describe('wasm matmul', () => {
  const sizes = [1, 7, 33, 129];
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      it(`odd sizes, transA=${transA} transB=${transB}`, () => {
        for (const m of sizes) {
          for (const n of sizes) {
            for (const k of [1, 7, 129, 300]) checkMatmul(spec(m, n, k, { transA, transB }));
          }
        }
      });
    }
  }

  it('the MLP shapes and their backward variants', () => {
    checkMatmul(spec(32, 128, 784));
    checkMatmul(spec(784, 128, 32, { transA: true }));
    checkMatmul(spec(32, 784, 128, { transB: true }));
    checkMatmul(spec(32, 10, 128));
    checkMatmul(spec(128, 10, 32, { transA: true, accumulate: true }));
  });

  it('large enough to split over threads, both ways', () => {
    checkMatmul(spec(300, 65, 257));
    checkMatmul(spec(65, 300, 257, { transA: true, transB: true }));
  });

  it('batches, broadcast batches and accumulation', () => {
    checkMatmul(spec(7, 9, 5, { batch: 3 }));
    checkMatmul(spec(33, 17, 20, { batch: 4, aBatchStride: 0, transB: true }));
    checkMatmul(spec(6, 40, 13, { batch: 5, bBatchStride: 0, transA: true }));
    checkMatmul(spec(33, 33, 600, { batch: 2, accumulate: true }));
    checkMatmul(spec(5, 6, 0, { accumulate: true }));
    checkMatmul(spec(5, 6, 0));
  });

  it('float64 and int32 run through the reference kernels', () => {
    checkMatmul(spec(7, 5, 9, { transB: true }), 'float64');
    checkMatmul(spec(7, 5, 9, { batch: 2 }), 'int32');
  });
});

describe('wasm reductions', () => {
  const layouts: [number, number, number][] = [
    [1, 1, 1], [7, 33, 1], [3, 129, 7], [2, 5, 600], [1, 32, 128], [4, 0, 3], [600, 300, 1],
  ];
  for (const op of ['sum', 'max', 'min', 'prod'] as ReduceOp[]) {
    it(`${op} over [outer, size, inner] layouts`, () => {
      for (const [outer, size, inner] of layouts) {
        const lo = op === 'prod' ? 0.8 : -3;
        const hi = op === 'prod' ? 1.25 : 3;
        const x = randomTwin(wasm, cpu, rng, 'float32', outer * size * inner, lo, hi);
        const out = twin(wasm, cpu, 'float32', outer * inner);
        wasm.reduce(op, x.test, outer, size, inner, out.test);
        cpu.reduce(op, x.ref, outer, size, inner, out.ref);
        assertTwinClose(wasm, cpu, out, `${op} [${outer},${size},${inner}]`, 1e-5, 1e-5);
      }
    });
  }

  it('max and min propagate NaN; other dtypes use the reference', () => {
    const x = twin(wasm, cpu, 'float32', 9, [1, NaN, 3, 4, 5, 6, 7, 8, 9]);
    for (const op of ['max', 'min'] as ReduceOp[]) {
      const out = twin(wasm, cpu, 'float32', 1);
      wasm.reduce(op, x.test, 1, 9, 1, out.test);
      assert.ok(Number.isNaN(wasm.view(out.test)[0]));
    }
    for (const dtype of ['float64', 'int32'] as DType[]) {
      const y = twin(wasm, cpu, dtype, 60, randomValues(rng, dtype, 60));
      const out = twin(wasm, cpu, dtype, 12);
      wasm.reduce('sum', y.test, 3, 5, 4, out.test);
      cpu.reduce('sum', y.ref, 3, 5, 4, out.ref);
      assertTwinClose(wasm, cpu, out, `sum ${dtype}`, 0, 1e-12);
    }
  });

  it('argmax and argmin take the first extreme, NaN first of all', () => {
    for (const [outer, size, inner] of layouts.filter(([, s]) => s > 0)) {
      for (const op of ['argmax', 'argmin'] as const) {
        const values = randomValues(rng, 'int32', outer * size * inner); // ints: many ties
        if (values.length > 3) values[2] = NaN;
        for (const dtype of ['float32', 'int32'] as DType[]) {
          const x = twin(wasm, cpu, dtype, values.length, values);
          const out = twin(wasm, cpu, 'int32', outer * inner);
          wasm.argReduce(op, x.test, outer, size, inner, out.test);
          cpu.argReduce(op, x.ref, outer, size, inner, out.ref);
          assertTwinClose(wasm, cpu, out, `${op} ${dtype} [${outer},${size},${inner}]`, 0, 0);
        }
      }
    }
  });
});

describe('wasm softmax', () => {
  for (const log of [false, true]) {
    it(`${log ? 'log-' : ''}softmax over rows`, () => {
      for (const [rows, cols] of [[1, 1], [7, 10], [32, 33], [3, 129], [400, 200]] as const) {
        const x = randomTwin(wasm, cpu, rng, 'float32', rows * cols, -20, 20);
        const out = twin(wasm, cpu, 'float32', rows * cols);
        wasm.softmax(x.test, rows, cols, log, out.test);
        ref.softmax(cpu.view(x.ref), rows, cols, log, cpu.view(out.ref));
        assertTwinClose(wasm, cpu, out, `softmax ${rows}x${cols}`, 1e-5, 1e-6);
      }
    });
  }
});

describe('wasm optimizer updates', () => {
  for (const size of [1, 7, 33, 100_000]) {
    it(`adam matches the reference, ${size} elements`, () => {
      const [p, g, m, v] = [0, 1, 2, 3].map(() => randomValues(rng, 'float32', size, -1, 1));
      const vAbs = v!.map(Math.abs);
      const t = [p, g, m, vAbs].map((values) => twin(wasm, cpu, 'float32', size, values));
      const [tp, tg, tm, tv] = t as [ReturnType<typeof twin>, ...ReturnType<typeof twin>[]];
      wasm.adamUpdate(tp.test, tg!.test, tm!.test, tv!.test, 0.01, 0.9, 0.999, 1e-7);
      const views = t.map((x) => cpu.view(x.ref));
      ref.adamUpdate(views[0]!, views[1]!, views[2]!, views[3]!, 0.01, 0.9, 0.999, 1e-7);
      for (const [i, x] of t.entries()) {
        assertTwinClose(wasm, cpu, x, `adam buffer ${i}`, 1e-5, 1e-6);
      }
    });
  }

  it('sgd with and without (Nesterov) momentum', () => {
    for (const [momentum, nesterov] of [[0, false], [0.9, false], [0.9, true]] as const) {
      const size = 37;
      const p = randomValues(rng, 'float32', size);
      const g = randomValues(rng, 'float32', size);
      const vel = randomValues(rng, 'float32', size);
      const bp = wasm.alloc('float32', size);
      const bg = wasm.alloc('float32', size);
      const bv = wasm.alloc('float32', size);
      wasm.view(bp).set(p);
      wasm.view(bg).set(g);
      wasm.view(bv).set(vel);
      wasm.sgdUpdate(bp, bg, momentum === 0 ? null : bv, 0.1, momentum, nesterov);
      const expectP = new Float32Array(p);
      const expectV = new Float32Array(vel);
      for (let i = 0; i < size; i++) {
        if (momentum === 0) {
          expectP[i] = p[i]! - 0.1 * g[i]!;
          continue;
        }
        expectV[i] = momentum * vel[i]! - 0.1 * g[i]!;
        expectP[i] = p[i]! + (nesterov ? momentum * expectV[i]! - 0.1 * g[i]! : expectV[i]!);
      }
      assertAllClose(wasm.view(bp), expectP, `sgd p m=${momentum} n=${nesterov}`, 1e-5, 1e-6);
      if (momentum !== 0) assertAllClose(wasm.view(bv), expectV, 'sgd velocity', 1e-5, 1e-6);
    }
  });
});
