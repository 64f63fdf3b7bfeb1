import type { DType, TypedArray } from '../../core/dtype.js';
import type { BackendBuffer } from '../../backend/backend.js';
import { NablaError } from '../../core/errors.js';

/** A buffer of the wasm backend: a block of the shared wasm memory. */
export class WasmBuffer implements BackendBuffer {
  /** Set by `free`; kernels refuse freed buffers rather than scribble over a reused block. */
  freed = false;
  /** The last view handed out, and the memory buffer it was built on. */
  cachedView: TypedArray | null = null;
  cachedOn: ArrayBufferLike | null = null;

  constructor(
    readonly dtype: DType,
    readonly size: number,
    /** Byte address in the wasm memory. */
    readonly ptr: number,
    /** Bytes requested from the heap. */
    readonly bytes: number,
  ) {}
}

/** The address of a live wasm buffer, or a clear error for a foreign or freed one. */
export function addressOf(buffer: BackendBuffer): number {
  if (!(buffer instanceof WasmBuffer)) {
    throw new NablaError('wasm', 'buffer belongs to another backend');
  }
  if (buffer.freed) throw new NablaError('wasm', 'buffer used after free');
  return buffer.ptr;
}

/** A typed-array view of `size` elements of `dtype` at byte `ptr` of `memory`. */
export function makeView(
  dtype: DType,
  memory: ArrayBufferLike,
  ptr: number,
  size: number,
): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(memory, ptr, size);
    case 'float64':
      return new Float64Array(memory, ptr, size);
    case 'int32':
      return new Int32Array(memory, ptr, size);
    case 'bool':
      return new Uint8Array(memory, ptr, size);
  }
}
