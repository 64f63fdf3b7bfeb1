/** The WebAssembly SIMD backend: public entry points. */
export {
  createWasmBackend,
  isWasmAvailable,
  type WasmBackendOptions,
} from './create-wasm-backend.js';
export { loadWasmModule } from './loader.js';
export type { MemoryStats } from './heap.js';
export { WasmBackend } from './wasm-backend.js';
export type { WasmThreadOptions } from './wasm-runtime.js';
