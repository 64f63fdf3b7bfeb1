/**
 * Finding, validating and compiling the kernel module. Synchronous in Node, so the wasm backend
 * can be the default without an `await`; in a browser the caller passes a compiled module.
 */

/** The kernels exported by build/nabla.wasm (see assembly/index.ts). */
export interface WasmExports {
  gemm(lo: number, hi: number, scratch: number, params: number): void;
  gemmScratchBytes(): number;
  unaryF32(lo: number, hi: number, scratch: number, op: number, x: number, out: number): void;
  binaryFlatF32(...args: number[]): void;
  binaryRowsF32(lo: number, hi: number, scratch: number, params: number): void;
  reduceF32(...args: number[]): void;
  argReduceF32(...args: number[]): void;
  softmaxF32(...args: number[]): void;
  adamF32(...args: number[]): void;
  sgdF32(...args: number[]): void;
  zeroBytes(ptr: number, bytes: number): void;
  fill32(...args: number[]): void;
  fill64(...args: number[]): void;
  copyRows(lo: number, hi: number, scratch: number, params: number): void;
  gatherRows(...args: number[]): void;
  scatterAddF32(...args: number[]): void;
  im2col32(lo: number, hi: number, scratch: number, params: number): void;
  col2imF32(lo: number, hi: number, scratch: number, params: number): void;
  biasActF32(...args: number[]): void;
  biasActGradF32(...args: number[]): void;
  softmaxGradF32(...args: number[]): void;
}

/** Names of the kernels that can run on worker threads, in dispatch-id order. */
export const PARALLEL_KERNELS = [
  'gemm',
  'unaryF32',
  'binaryFlatF32',
  'binaryRowsF32',
  'reduceF32',
  'argReduceF32',
  'softmaxF32',
  'adamF32',
  'sgdF32',
  'copyRows',
  'gatherRows',
  'scatterAddF32',
  'im2col32',
  'col2imF32',
  'biasActF32',
  'softmaxGradF32',
] as const;

/** One of `PARALLEL_KERNELS`. */
export type ParallelKernel = (typeof PARALLEL_KERNELS)[number];

/** The subset of Node built-ins the backend uses, reached without a static import. */
export interface NodeBuiltins {
  fs: typeof import('node:fs');
  url: typeof import('node:url');
  os: typeof import('node:os');
  workerThreads: typeof import('node:worker_threads');
}

let builtins: NodeBuiltins | null | undefined;

/**
 * Node's built-in modules, or null outside Node. `process.getBuiltinModule` (Node ≥ 20.16) keeps
 * this file free of `node:` imports, so bundlers for the browser leave it alone.
 */
export function nodeBuiltins(): NodeBuiltins | null {
  if (builtins !== undefined) return builtins;
  builtins = null;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  if (proc && typeof proc.getBuiltinModule === 'function') {
    const get = proc.getBuiltinModule;
    builtins = {
      fs: get('node:fs') as NodeBuiltins['fs'],
      url: get('node:url') as NodeBuiltins['url'],
      os: get('node:os') as NodeBuiltins['os'],
      workerThreads: get('node:worker_threads') as NodeBuiltins['workerThreads'],
    };
  }
  return builtins;
}

/** Whether shared wasm memory (and so worker threads) can be used here. */
export function sharedMemorySupported(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  // Node has no `crossOriginIsolated`; browsers expose SharedArrayBuffer only when isolated.
  return isolated !== false;
}

// The smallest module using a v128 instruction: (func (result v128) v128.const 0).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

/** Whether this engine runs WebAssembly with 128-bit SIMD. */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** File name of the build for this environment: threads need the shared-memory build. */
export function wasmFileName(shared: boolean): string {
  return shared ? 'nabla.wasm' : 'nabla-single.wasm';
}

/**
 * URL of a build, relative to this module both in src/ (tsx) and in dist/. Literal
 * `new URL(…, import.meta.url)` expressions, so bundlers can find and emit the files.
 */
export function wasmUrl(shared: boolean): URL {
  return shared
    ? new URL('../../../build/nabla.wasm', import.meta.url)
    : new URL('../../../build/nabla-single.wasm', import.meta.url);
}

const compiled = new Map<string, WebAssembly.Module | undefined>();

/**
 * Reads and compiles a build synchronously (Node only), once per process; undefined when the file
 * is missing or SIMD is unsupported.
 */
export function compileWasmSync(shared: boolean): WebAssembly.Module | undefined {
  const file = wasmFileName(shared);
  if (compiled.has(file)) return compiled.get(file);
  let module: WebAssembly.Module | undefined;
  const node = nodeBuiltins();
  if (node && simdSupported()) {
    const path = node.url.fileURLToPath(wasmUrl(shared));
    if (node.fs.existsSync(path)) module = new WebAssembly.Module(node.fs.readFileSync(path));
  }
  compiled.set(file, module);
  return module;
}

/**
 * Fetches and compiles the build for this environment (browsers): pass the result to
 * `createWasmBackend({ module })`.
 */
export async function loadWasmModule(url?: string | URL): Promise<WebAssembly.Module> {
  const source = url ?? wasmUrl(sharedMemorySupported());
  const response = await fetch(source);
  return WebAssembly.compile(await response.arrayBuffer());
}
