/**
 * Global state of the tensor level: the active backend, memory scopes (`tidy`), gradient mode and
 * live-tensor accounting. Tensors register here; nothing above this file touches buffers directly.
 */
import type { Backend, BackendBuffer } from '../backend/backend.js';
import { BYTES_PER_ELEMENT, type DType } from '../core/dtype.js';
import { NablaError } from '../core/errors.js';
import { cpuBackend } from '../backends/cpu/cpu-backend.js';
import { createWasmBackend, isWasmAvailable, type WasmBackend } from '../backends/wasm/index.js';

/** A reference-counted buffer: views (reshape, flatten) share one storage. */
export class Storage {
  refs = 1;
  constructor(
    readonly backend: Backend,
    readonly buffer: BackendBuffer,
  ) {
    stats.bytes += buffer.size * BYTES_PER_ELEMENT[buffer.dtype];
    stats.buffers++;
  }
  retain(): this {
    this.refs++;
    return this;
  }
  release(): void {
    if (--this.refs > 0) return;
    stats.bytes -= this.buffer.size * BYTES_PER_ELEMENT[this.buffer.dtype];
    stats.buffers--;
    this.backend.free(this.buffer);
  }
}

const stats = { tensors: 0, bytes: 0, buffers: 0 };

/** Something a scope can dispose: a tensor. */
export interface Disposable {
  dispose(): void;
  readonly isDisposed: boolean;
  /**
   * Called when no open scope owns it any more (created outside every scope, kept, or returned
   * from the outermost scope): from then on only `dispose()` or the finalizer frees it.
   */
  unscoped?(): void;
}

let wasmInstance: WasmBackend | null = null;
function wasmBackend(): WasmBackend {
  if (!wasmInstance) {
    if (!isWasmAvailable()) {
      throw new NablaError('setBackend', "the 'wasm' backend needs WebAssembly SIMD and the built kernels (npm run build:wasm)");
    }
    wasmInstance = createWasmBackend();
  }
  return wasmInstance;
}

const backends = new Map<string, () => Backend>([
  ['cpu', () => cpuBackend],
  ['wasm', wasmBackend],
]);

/**
 * The backend used until `setBackend` is called: `$NABLA_BACKEND` if set, otherwise `wasm`
 * wherever WebAssembly SIMD is available, otherwise the reference `cpu` backend.
 */
function defaultBackend(): Backend {
  const requested = typeof process !== 'undefined' ? process.env?.['NABLA_BACKEND'] : undefined;
  if (requested) {
    const factory = backends.get(requested);
    if (!factory) throw new NablaError('NABLA_BACKEND', `unknown backend '${requested}' (known: cpu, wasm)`);
    return factory();
  }
  return isWasmAvailable() ? wasmBackend() : cpuBackend;
}

let activeBackend: Backend | null = null;
const scopes: Set<Disposable>[] = [];
let gradEnabled = true;

/** Makes a backend available to `setBackend` under its name (created on first use). */
export function registerBackend(name: string, factory: () => Backend): void {
  backends.set(name, factory);
}

/**
 * Selects the backend new tensors are created on. Existing tensors keep their backend; mixing
 * backends in one op is an error.
 */
export function setBackend(nameOrBackend: string | Backend): void {
  if (typeof nameOrBackend !== 'string') {
    activeBackend = nameOrBackend;
    return;
  }
  const factory = backends.get(nameOrBackend);
  if (!factory) {
    throw new NablaError(
      'setBackend',
      `unknown backend '${nameOrBackend}' (known: ${[...backends.keys()].join(', ')})`,
    );
  }
  activeBackend = factory();
}

/** The name of the backend new tensors are created on (`'wasm'` or `'cpu'`). */
export function getBackend(): string {
  return backend().name;
}

/** The active backend object. */
export function backend(): Backend {
  activeBackend ??= defaultBackend();
  return activeBackend;
}

/**
 * Sets how many threads the `wasm` backend's kernels use (default: the number of cores).
 * Results are bit-identical for any count. No effect on the single-threaded `cpu` backend.
 */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new NablaError('setThreads', `expects a positive integer, got ${n}`);
  wasmBackend().setThreads(n);
}

/** The number of threads the `wasm` backend uses (1 for the `cpu` backend). */
export function getThreads(): number {
  const b = backend();
  return b === wasmInstance ? wasmInstance.threads : 1;
}

/** Allocates a zeroed storage on the active backend. */
export function allocStorage(dtype: DType, size: number, on: Backend = backend()): Storage {
  return new Storage(on, on.alloc(dtype, size));
}

/**
 * Called by every new tensor: counts it and puts it in the innermost scope. Returns false when
 * no scope owns it (the caller then arms its finalizer at once).
 */
export function track(t: Disposable): boolean {
  stats.tensors++;
  const scope = scopes[scopes.length - 1];
  if (!scope) return false;
  scope.add(t);
  return true;
}

/** Hands `t`, which left its last scope alive, over to `dispose()` and the finalizer. */
function release(t: Disposable): void {
  if (!t.isDisposed) t.unscoped?.();
}

/** Moves a kept tensor to the enclosing scope, or releases it when there is none. */
function handOver(t: Disposable, outer: Set<Disposable> | undefined): void {
  if (outer) outer.add(t);
  else release(t);
}

/** Called when a tensor is disposed. */
export function untrackDisposed(t: Disposable): void {
  stats.tensors--;
  const scope = scopes[scopes.length - 1];
  if (scope) scope.delete(t);
}

/** Removes a tensor from every open scope so that `tidy` will not dispose it. */
export function keep<T extends Disposable>(t: T): T {
  for (const scope of scopes) scope.delete(t);
  release(t);
  return t;
}

/** Anything `tidy` may return: tensors, arrays and plain objects of them are kept. */
export type TidyResult = unknown;

function collect(value: unknown, out: Set<unknown>, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 4) return;
  if (typeof (value as Disposable).dispose === 'function' && 'isDisposed' in value) {
    out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype || value instanceof Map) {
    const values = value instanceof Map ? value.values() : Object.values(value);
    for (const v of values) collect(v, out, depth + 1);
  }
}

/**
 * Runs `fn` and disposes every tensor created inside it, except those it returns (directly, or
 * in arrays and plain objects) and those passed to `keep`. Kept results move to the enclosing
 * scope. Async functions are not allowed: a scope cannot span an `await`.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Disposable>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    // What the failed scope created is neither returned nor disposed: as before deferred
    // finalizer registration, it is left to the finalizer (or to the enclosing scope).
    scopes.pop();
    for (const t of scope) handOver(t, scopes[scopes.length - 1]);
    throw error;
  }
  scopes.pop();
  if (result instanceof Promise) {
    for (const t of scope) handOver(t, scopes[scopes.length - 1]);
    throw new NablaError('tidy', 'the function returned a Promise; tidy cannot span an await');
  }
  const kept = new Set<unknown>();
  collect(result, kept);
  const outer = scopes[scopes.length - 1];
  for (const t of scope) {
    if (kept.has(t)) handOver(t, outer);
    else if (!t.isDisposed) t.dispose();
  }
  return result;
}

/** Opens a scope by hand (for `using` or loops); pair with `endScope`. */
export function startScope(): void {
  scopes.push(new Set());
}

/** Closes the innermost scope, disposing what it created except `keepTensors`. */
export function endScope(keepTensors: readonly Disposable[] = []): void {
  const scope = scopes.pop();
  if (!scope) throw new NablaError('endScope', 'no open scope');
  const kept = new Set<Disposable>(keepTensors);
  const outer = scopes[scopes.length - 1];
  for (const t of scope) {
    if (kept.has(t)) handOver(t, outer);
    else if (!t.isDisposed) t.dispose();
  }
}

/** Whether ops record the graph for backpropagation. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording gradients (inference, optimizer updates). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` with gradient recording switched on or off. */
export function withGrad<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Live memory: tensors not yet disposed, and the bytes their storage holds. */
export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  numBuffers: number;
  backend: string;
}

/** Reports live tensors and bytes (what `dispose`/`tidy` have not yet freed). */
export function memory(): MemoryInfo {
  return {
    numTensors: stats.tensors,
    numBytes: stats.bytes,
    numBuffers: stats.buffers,
    backend: backend().name,
  };
}
