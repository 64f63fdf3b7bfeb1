import { NablaError } from '../../core/errors.js';

const PAGE = 65536;
/** Block alignment: a cache line, so no two buffers share one and SIMD loads never straddle. */
export const ALIGN = 64;

/**
 * The block size a request of `bytes` is served with: multiples of 64 up to 1 KiB, then four
 * classes per power of two (at most 25 % slack). Few distinct sizes make freed blocks easy to
 * reuse: a training loop asks for the same shapes every step.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 1024) return Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  const quarter = 2 ** (Math.floor(Math.log2(bytes)) - 2);
  return Math.ceil(bytes / quarter) * quarter;
}

/** Bytes in use and reserved by a wasm heap. */
export interface MemoryStats {
  /** Bytes of live blocks (after rounding to size classes). */
  readonly bytesInUse: number;
  /** Size of the wasm memory, live, free and never used. */
  readonly bytesReserved: number;
}

/**
 * A block allocator over one wasm memory: a bump pointer that grows the memory on demand, plus
 * one free list per size class. Blocks are never split or merged; freed blocks wait for a request
 * of the same class.
 */
export class WasmHeap {
  private top: number;
  private inUse = 0;
  private readonly freeLists = new Map<number, number[]>();

  /**
   * @param memory the wasm memory, shared with every worker instance.
   * @param zero zero-fills `bytes` at `ptr` (a wasm `memory.fill`, cheaper than a JS view).
   * @param base first address to hand out; the bytes below stay unused.
   */
  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly zero: (ptr: number, bytes: number) => void,
    base: number = ALIGN,
  ) {
    this.top = Math.ceil(base / ALIGN) * ALIGN;
  }

  /** A zero-filled block of at least `bytes` bytes; returns its address. */
  alloc(bytes: number): number {
    const size = sizeClass(bytes);
    const list = this.freeLists.get(size);
    let ptr = list?.pop();
    if (ptr !== undefined) {
      this.zero(ptr, size);
    } else {
      ptr = this.bump(size) ?? this.reuseLarger(size);
    }
    this.inUse += size;
    return ptr;
  }

  /** Returns a block from `alloc(bytes)` to its free list. */
  release(ptr: number, bytes: number): void {
    const size = sizeClass(bytes);
    this.inUse -= size;
    let list = this.freeLists.get(size);
    if (!list) {
      list = [];
      this.freeLists.set(size, list);
    }
    list.push(ptr);
  }

  /** Current usage. */
  stats(): MemoryStats {
    return { bytesInUse: this.inUse, bytesReserved: this.memory.buffer.byteLength };
  }

  /** Fresh memory past the bump pointer (already zero), growing the memory if needed. */
  private bump(size: number): number | undefined {
    const end = this.top + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow by at least a quarter of the current size so that growth stays rare.
      const pages = Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / 4 / PAGE));
      try {
        this.memory.grow(pages);
      } catch {
        try {
          this.memory.grow(Math.ceil((end - have) / PAGE));
        } catch {
          return undefined;
        }
      }
    }
    const ptr = this.top;
    this.top = end;
    return ptr;
  }

  /** Last resort when the memory cannot grow: a free block of a larger class, whole. */
  private reuseLarger(size: number): number {
    let best: number | undefined;
    for (const [blockSize, list] of this.freeLists) {
      if (blockSize > size && list.length > 0 && (best === undefined || blockSize < best)) {
        best = blockSize;
      }
    }
    if (best === undefined) {
      throw new NablaError('alloc', `out of wasm memory (${size} bytes requested)`);
    }
    // The block joins the smaller class when freed; its tail stays unused from then on.
    const ptr = this.freeLists.get(best)!.pop()!;
    this.zero(ptr, size);
    return ptr;
  }
}
