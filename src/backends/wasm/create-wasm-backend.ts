import { NablaError } from '../../core/errors.js';
import {
  compileWasmSync,
  nodeBuiltins,
  sharedMemorySupported,
  simdSupported,
} from './loader.js';
import { WasmBackend } from './wasm-backend.js';
import type { WasmThreadOptions } from './wasm-runtime.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions extends WasmThreadOptions {
  /**
   * Threads including the caller's. Default: the number of cores where shared memory exists
   * (Node, cross-origin-isolated pages), else 1.
   */
  readonly threads?: number;
  /** A compiled build from `loadWasmModule()`; needed in browsers, read from build/ in Node. */
  readonly module?: WebAssembly.Module;
}

/** Pages of the initial memory (16 MiB); it grows on demand. */
const INITIAL_PAGES = 256;

/** A wasm memory, shared when threads are possible; asks for less address space if refused. */
function createMemory(shared: boolean): WebAssembly.Memory {
  if (!shared) return new WebAssembly.Memory({ initial: INITIAL_PAGES });
  for (const maximum of [65536, 32768, 16384]) {
    try {
      return new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum, shared: true });
    } catch {
      // Try a smaller reservation of address space.
    }
  }
  throw new NablaError('wasm', 'cannot create a shared wasm memory');
}

function defaultThreads(shared: boolean): number {
  if (!shared) return 1;
  const node = nodeBuiltins();
  if (node) return node.os.availableParallelism();
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/**
 * Whether `createWasmBackend()` works here without arguments: WebAssembly SIMD validates and the
 * build can be read synchronously (Node, after `npm run build:wasm`). In a browser, compile the
 * module with `loadWasmModule()` and pass it instead.
 */
export function isWasmAvailable(): boolean {
  try {
    return simdSupported() && compileWasmSync(sharedMemorySupported()) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Creates the WebAssembly SIMD backend, synchronously: float32 kernels in wasm on a pool of
 * worker threads sharing its memory, every other dtype and op on the reference kernels.
 *
 * @example
 * const backend = createWasmBackend({ threads: 2 });
 * setBackend(backend);
 * backend.setThreads(1); // results are identical for any thread count
 */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const shared = sharedMemorySupported();
  const module = options.module ?? compileWasmSync(shared);
  if (!module) {
    throw new NablaError(
      'wasm',
      'WebAssembly SIMD is unsupported here, or build/nabla.wasm is missing (npm run build:wasm)',
    );
  }
  const threads = options.threads ?? defaultThreads(shared);
  return new WasmBackend(module, createMemory(shared), { ...options, threads });
}
