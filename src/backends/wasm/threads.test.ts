/** Thread counts must not change results: 1 and 2 threads give bit-identical outputs. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Random } from '../../core/random.js';
import type { BackendBuffer, MatmulSpec } from '../../backend/backend.js';
import { randomValues } from './test-utils/twin.js';
import { compileWasmSync } from './loader.js';
import { createWasmBackend } from './create-wasm-backend.js';
import { WasmBackend } from './wasm-backend.js';

// Not adaptive: every large kernel must really be split for the comparison to mean something.
const backend = createWasmBackend({ threads: 2, adaptive: false });
const rng = new Random(17);
after(() => backend.dispose());

function filled(size: number, lo = -1, hi = 1): BackendBuffer {
  const buffer = backend.alloc('float32', size);
  backend.view(buffer).set(randomValues(rng, 'float32', size, lo, hi));
  return buffer;
}

/** Runs `kernel` into a fresh output with 1 and with 2 threads and asserts identical bits. */
function sameOnOneAndTwo(size: number, kernel: (out: BackendBuffer) => void, label: string): void {
  const outputs = [1, 2].map((threads) => {
    backend.setThreads(threads);
    const out = backend.alloc('float32', size);
    kernel(out);
    return new Uint32Array(new Float32Array(backend.view(out)).buffer);
  });
  assert.deepEqual(outputs[0], outputs[1], label);
}

describe('wasm threads', () => {
  it('starts workers that take part in large kernels', async () => {
    backend.setThreads(2);
    assert.equal(backend.threads, 2);
    const x = filled(1 << 20);
    const out = backend.alloc('float32', 1 << 20);
    // Workers start asynchronously; until one is up the caller runs every chunk itself.
    const deadline = Date.now() + 10_000;
    while (backend.threadStats().workerChunks === 0 && Date.now() < deadline) {
      backend.unary('exp', x, out);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.ok(backend.threadStats().workerChunks > 0, 'no chunk ran on a worker');
  });

  let chunksBefore = 0;
  it('records the worker chunks before the comparisons', () => {
    chunksBefore = backend.threadStats().workerChunks;
  });

  const shapes: [number, number, number, boolean, boolean, number][] = [
    [1024, 1024, 1024, false, false, 1],
    [257, 129, 300, true, false, 1],
    [64, 700, 511, false, true, 1],
    [32, 128, 784, false, false, 1],
    [784, 128, 32, true, false, 1],
    [33, 47, 70, true, true, 9],
  ];
  for (const [m, n, k, transA, transB, batch] of shapes) {
    it(`gemm ${batch}×${m}×${n}×${k} transA=${transA} transB=${transB} is bit-identical`, () => {
      const a = filled(batch * m * k);
      const b = filled(batch * k * n);
      const spec: MatmulSpec = {
        batch, m, n, k, transA, transB, aBatchStride: m * k, bBatchStride: k * n,
      };
      sameOnOneAndTwo(batch * m * n, (out) => backend.matmul(a, b, out, spec), 'gemm');
    });
  }

  it('elementwise, reductions and softmax are bit-identical', () => {
    const size = 600 * 513;
    const x = filled(size, -5, 5);
    const y = filled(513);
    sameOnOneAndTwo(size, (out) => backend.unary('tanh', x, out), 'tanh');
    const add = (out: BackendBuffer): void => {
      backend.binary('add', x, [513, 1], y, [0, 1], out, [600, 513]);
    };
    sameOnOneAndTwo(size, add, 'add');
    sameOnOneAndTwo(600, (out) => backend.reduce('sum', x, 600, 513, 1, out), 'row sums');
    sameOnOneAndTwo(513, (out) => backend.reduce('sum', x, 1, 600, 513, out), 'column sums');
    sameOnOneAndTwo(size, (out) => backend.softmax(x, 600, 513, false, out), 'softmax');
  });

  it('workers ran chunks of the compared kernels', () => {
    const chunks = backend.threadStats().workerChunks - chunksBefore;
    assert.ok(chunks > 0, 'the comparisons all ran on one thread');
  });
});

describe('wasm without shared memory', () => {
  it('runs the plain-memory build on one thread (pages without cross-origin isolation)', () => {
    const module = compileWasmSync(false);
    assert.ok(module, 'build/nabla-single.wasm is missing');
    const memory = new WebAssembly.Memory({ initial: 256 });
    const single = new WasmBackend(module, memory, { threads: 4 });
    assert.equal(single.threads, 1);
    const a = single.alloc('float32', 6);
    const out = single.alloc('float32', 4);
    single.view(a).set([1, 2, 3, 4, 5, 6]);
    const spec: MatmulSpec = {
      batch: 1, m: 2, n: 2, k: 3, transA: false, transB: true, aBatchStride: 0, bBatchStride: 0,
    };
    single.matmul(a, a, out, spec);
    assert.deepEqual(Array.from(single.view(out)), [14, 32, 32, 77]);
    single.unary('exp', out, out);
    assert.ok(Math.abs(single.view(out)[0]! / Math.exp(14) - 1) < 1e-6);
  });
});

describe('wasm in a page without cross-origin isolation', () => {
  it('createWasmBackend picks the plain-memory build and one thread', () => {
    const global = globalThis as { crossOriginIsolated?: boolean };
    global.crossOriginIsolated = false;
    try {
      const page = createWasmBackend({ threads: 4 });
      assert.equal(page.threads, 1);
      const x = page.alloc('float32', 3);
      page.view(x).set([1, 4, 9]);
      page.unary('sqrt', x, x);
      assert.deepEqual(Array.from(page.view(x)), [1, 2, 3]);
    } finally {
      delete global.crossOriginIsolated;
    }
  });
});
