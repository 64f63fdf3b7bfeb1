/** The wasm allocator: block reuse, zero-fill, growth and accounting. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sizeClass } from './heap.js';
import { createWasmBackend, isWasmAvailable } from './create-wasm-backend.js';
import type { WasmBuffer } from './wasm-buffer.js';

const backend = createWasmBackend({ threads: 1 });
after(() => backend.dispose());
const address = (b: unknown): number => (b as WasmBuffer).ptr;

describe('wasm heap', () => {
  it('is available here', () => {
    assert.equal(isWasmAvailable(), true);
    assert.equal(backend.name, 'wasm');
  });

  it('size classes are 64-byte aligned with at most 25 % slack', () => {
    for (const bytes of [1, 63, 64, 65, 1000, 1025, 4096, 5000, 123_457, 10_000_000]) {
      const size = sizeClass(bytes);
      assert.ok(size >= bytes && size % 64 === 0, `${bytes} → ${size}`);
      assert.ok(size <= Math.max(64, bytes * 1.25 + 64), `${bytes} → ${size}`);
      assert.equal(sizeClass(size), size, 'a class is its own class');
    }
  });

  it('reuses a freed block for the next request of its class, zero-filled', () => {
    const a = backend.alloc('float32', 1000);
    backend.view(a).fill(3);
    const first = address(a);
    assert.equal(first % 64, 0);
    backend.free(a);
    const b = backend.alloc('float32', 990); // same size class
    assert.equal(address(b), first);
    assert.ok(backend.view(b).every((v) => v === 0));
    backend.free(b);
  });

  it('keeps bytes in use flat over a loop of alloc and free', () => {
    const before = backend.memoryStats();
    for (let step = 0; step < 200; step++) {
      const buffers = [784 * 128, 128, 32 * 128, 10].map((n) => backend.alloc('float32', n));
      for (const buffer of buffers) backend.free(buffer);
    }
    const after = backend.memoryStats();
    assert.equal(after.bytesInUse, before.bytesInUse);
    assert.ok(after.bytesReserved - before.bytesReserved <= 1 << 20, 'no growth per step');
  });

  it('grows the memory on demand and views follow the new buffer', () => {
    const small = backend.alloc('int32', 16);
    backend.view(small).set([1, 2, 3]);
    const reserved = backend.memoryStats().bytesReserved;
    const big = backend.alloc('float64', (reserved / 8) * 1.5);
    assert.ok(backend.memoryStats().bytesReserved > reserved);
    const view = backend.view(big);
    view[view.length - 1] = 42;
    assert.equal(backend.view(big)[view.length - 1], 42);
    assert.deepEqual(Array.from(backend.view(small).subarray(0, 3)), [1, 2, 3]);
    assert.equal(backend.view(small).buffer, backend.view(big).buffer, 'views on the grown memory');
    backend.free(big);
    backend.free(small);
  });

  it('zero-size buffers, double free and use after free', () => {
    const empty = backend.alloc('bool', 0);
    assert.equal(backend.view(empty).length, 0);
    backend.free(empty);
    const x = backend.alloc('float32', 8);
    backend.free(x);
    backend.free(x); // harmless
    assert.throws(() => backend.view(x), /after free/);
    assert.throws(() => backend.unary('exp', x, x), /after free/);
  });
});
