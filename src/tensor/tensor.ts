import { isFloat, type DType, type TypedArray } from '../core/dtype.js';
import { fmtShape, NablaError } from '../core/errors.js';
import { sizeOf, type Shape } from '../core/shape.js';
import type { Backend } from '../backend/backend.js';
import { isGradEnabled, Storage, track, untrackDisposed } from './engine.js';
import * as ops from './ops/index.js';

/** Nested arrays of numbers or booleans, as `tensor()` accepts and `arraySync()` returns. */
export type NestedArray = number | boolean | NestedArray[];

/**
 * How an op's output propagates gradients: given the gradient of the output, the gradient of each
 * input (`null` where none flows).
 */
export type BackwardFn = (grad: Tensor) => (Tensor | null)[];

/** The node of the autograd graph that produced a tensor. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly backward: BackwardFn;
}

// A safety net only: dispose() and tidy() are the real mechanisms. A tensor is registered only
// once no scope owns it (registering costs about a microsecond, as much as a small kernel, and
// most tensors of a training step die in their scope).
const finalizer = new FinalizationRegistry<Storage>((storage) => {
  untrackDisposed(FINALIZED);
  storage.release();
});
const FINALIZED = { dispose() {}, isDisposed: true };

if (typeof Symbol.dispose !== 'symbol') {
  (Symbol as { dispose?: symbol }).dispose = Symbol('Symbol.dispose');
}

/**
 * An n-dimensional array on a compute backend, with reverse-mode automatic differentiation.
 *
 * Tensors are immutable: every op returns a new tensor. Free memory with `dispose()` or by
 * creating tensors inside `tidy()`; a finalizer catches what is forgotten, eventually.
 */
export class Tensor {
  /** The dimensions, outermost first. */
  readonly shape: number[];
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** @internal The buffer, shared with views. */
  storage: Storage;
  /** Whether gradients are computed for this tensor. Only float tensors can require them. */
  requiresGrad: boolean;
  /** The accumulated gradient after `backward()`, for tensors that require grad and are leaves. */
  grad: Tensor | null = null;
  /** @internal How this tensor was computed, when it is part of a graph. */
  node: GradNode | null = null;
  /** An optional name, shown by `toString()` and used by layers for their weights. */
  name: string | undefined;
  private disposed = false;
  private finalizable = false;

  /** @internal Use `tensor()`, `zeros()` and the ops to create tensors. */
  constructor(storage: Storage, shape: Shape, dtype: DType, requiresGrad = false) {
    this.storage = storage;
    this.shape = [...shape];
    this.dtype = dtype;
    this.size = sizeOf(shape);
    if (requiresGrad && !isFloat(dtype)) {
      throw new NablaError('requiresGrad', `only float tensors can require gradients, got ${dtype}`);
    }
    this.requiresGrad = requiresGrad;
    if (!track(this)) this.unscoped();
  }

  /** @internal Arms the finalizer: called when no scope owns the tensor any more. */
  unscoped(): void {
    if (this.finalizable || this.disposed) return;
    this.finalizable = true;
    finalizer.register(this, this.storage, this);
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** The backend holding the data. */
  get backend(): Backend {
    return this.storage.backend;
  }

  /** Whether `dispose()` has been called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Whether the tensor was created by the user rather than computed by an op. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** Frees the tensor's memory (shared storage is freed when its last view goes). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.finalizable) finalizer.unregister(this);
    untrackDisposed(this);
    this.storage.release();
    this.node = null;
    if (this.grad) {
      this.grad.dispose();
      this.grad = null;
    }
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** @internal Throws if the tensor was disposed. */
  assertAlive(op: string): void {
    if (this.disposed) {
      throw new NablaError(op, `tensor ${fmtShape(this.shape)} was already disposed`);
    }
  }

  /** A copy of the data as a typed array (synchronous). */
  dataSync(): TypedArray {
    this.assertAlive('dataSync');
    return this.backend.view(this.storage.buffer).slice(0, this.size);
  }

  /** A copy of the data as a typed array. */
  async data(): Promise<TypedArray> {
    return this.dataSync();
  }

  /** The data as nested arrays (booleans for bool tensors). */
  arraySync(): NestedArray {
    return ops.toNested(this.dataSync(), this.shape, this.dtype === 'bool');
  }

  /** The data as nested arrays. */
  async array(): Promise<NestedArray> {
    return this.arraySync();
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new NablaError('item', `tensor ${fmtShape(this.shape)} has ${this.size} elements`);
    }
    return this.backend.view(this.storage.buffer)[0]!;
  }

  /** A readable rendering: values (elided when large), shape and dtype. */
  toString(): string {
    return ops.formatTensor(this);
  }

  /** Computes gradients of this tensor with respect to every leaf that requires them. */
  backward(gradient?: Tensor): void {
    ops.backward(this, gradient);
  }

  /** Marks this tensor as a leaf that accumulates gradients; returns it. */
  requireGrad(enabled = true): this {
    if (enabled && !isFloat(this.dtype)) {
      throw new NablaError('requiresGrad', `only float tensors can require gradients, got ${this.dtype}`);
    }
    this.requiresGrad = enabled;
    return this;
  }

  /** Clears the accumulated gradient. */
  zeroGrad(): void {
    this.grad?.dispose();
    this.grad = null;
  }

  /** @internal Records how this tensor was computed, if any input requires grad. */
  static attach(out: Tensor, op: string, inputs: readonly Tensor[], backward: BackwardFn): Tensor {
    if (!isGradEnabled() || !isFloat(out.dtype)) return out;
    let needed = false;
    for (const t of inputs) if (t.requiresGrad) needed = true;
    if (!needed) return out;
    out.requiresGrad = true;
    out.node = { op, inputs, backward };
    return out;
  }

  // ---- the op API as methods (definitions live in ./ops) ----
  add(other: Tensor | number): Tensor { return ops.add(this, other); }
  sub(other: Tensor | number): Tensor { return ops.sub(this, other); }
  mul(other: Tensor | number): Tensor { return ops.mul(this, other); }
  div(other: Tensor | number): Tensor { return ops.div(this, other); }
  pow(exponent: Tensor | number): Tensor { return ops.pow(this, exponent); }
  maximum(other: Tensor | number): Tensor { return ops.maximum(this, other); }
  minimum(other: Tensor | number): Tensor { return ops.minimum(this, other); }
  mod(other: Tensor | number): Tensor { return ops.mod(this, other); }
  eq(other: Tensor | number): Tensor { return ops.eq(this, other); }
  ne(other: Tensor | number): Tensor { return ops.ne(this, other); }
  lt(other: Tensor | number): Tensor { return ops.lt(this, other); }
  le(other: Tensor | number): Tensor { return ops.le(this, other); }
  gt(other: Tensor | number): Tensor { return ops.gt(this, other); }
  ge(other: Tensor | number): Tensor { return ops.ge(this, other); }
  logicalAnd(other: Tensor | boolean): Tensor { return ops.logicalAnd(this, other); }
  logicalOr(other: Tensor | boolean): Tensor { return ops.logicalOr(this, other); }
  logicalXor(other: Tensor | boolean): Tensor { return ops.logicalXor(this, other); }
  logicalNot(): Tensor { return ops.logicalNot(this); }
  neg(): Tensor { return ops.neg(this); }
  abs(): Tensor { return ops.abs(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  rsqrt(): Tensor { return ops.rsqrt(this); }
  square(): Tensor { return ops.square(this); }
  reciprocal(): Tensor { return ops.reciprocal(this); }
  exp(): Tensor { return ops.exp(this); }
  expm1(): Tensor { return ops.expm1(this); }
  log(): Tensor { return ops.log(this); }
  log1p(): Tensor { return ops.log1p(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tanh(): Tensor { return ops.tanh(this); }
  erf(): Tensor { return ops.erf(this); }
  sign(): Tensor { return ops.sign(this); }
  floor(): Tensor { return ops.floor(this); }
  ceil(): Tensor { return ops.ceil(this); }
  round(): Tensor { return ops.round(this); }
  clip(min: number, max: number): Tensor { return ops.clip(this, min, max); }
  where(condition: Tensor, other: Tensor | number): Tensor { return ops.where(condition, this, other); }

  sum(axis?: number | number[], keepDims = false): Tensor { return ops.sum(this, axis, keepDims); }
  mean(axis?: number | number[], keepDims = false): Tensor { return ops.mean(this, axis, keepDims); }
  max(axis?: number | number[], keepDims = false): Tensor { return ops.max(this, axis, keepDims); }
  min(axis?: number | number[], keepDims = false): Tensor { return ops.min(this, axis, keepDims); }
  prod(axis?: number | number[], keepDims = false): Tensor { return ops.prod(this, axis, keepDims); }
  variance(axis?: number | number[], keepDims = false): Tensor { return ops.variance(this, axis, keepDims); }
  std(axis?: number | number[], keepDims = false): Tensor { return ops.std(this, axis, keepDims); }
  logSumExp(axis?: number | number[], keepDims = false): Tensor { return ops.logSumExp(this, axis, keepDims); }
  argmax(axis?: number, keepDims = false): Tensor { return ops.argmax(this, axis, keepDims); }
  argmin(axis?: number, keepDims = false): Tensor { return ops.argmin(this, axis, keepDims); }

  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }
  dot(other: Tensor): Tensor { return ops.dot(this, other); }

  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  flatten(startAxis = 0, endAxis = -1): Tensor { return ops.flatten(this, startAxis, endAxis); }
  transpose(perm?: readonly number[]): Tensor { return ops.transpose(this, perm); }
  permute(perm: readonly number[]): Tensor { return ops.transpose(this, perm); }
  expandDims(axis = 0): Tensor { return ops.expandDims(this, axis); }
  squeeze(axis?: number | number[]): Tensor { return ops.squeeze(this, axis); }
  slice(begin: readonly number[], end?: readonly (number | null)[], step?: readonly number[]): Tensor {
    return ops.slice(this, begin, end, step);
  }
  gather(indices: Tensor | readonly number[], axis = 0): Tensor { return ops.gather(this, indices, axis); }
  split(sizesOrSections: number | readonly number[], axis = 0): Tensor[] {
    return ops.split(this, sizesOrSections, axis);
  }
  pad(paddings: readonly (readonly [number, number])[], value = 0): Tensor { return ops.pad(this, paddings, value); }
  tile(reps: readonly number[]): Tensor { return ops.tile(this, reps); }
  broadcastTo(shape: readonly number[]): Tensor { return ops.broadcastTo(this, shape); }

  cast(dtype: DType): Tensor { return ops.cast(this, dtype); }
  /** Overwrites this tensor's elements with `value`'s, in place (not differentiable). */
  assign(value: Tensor): this {
    ops.assign(this, value);
    return this;
  }
  clone(): Tensor { return ops.clone(this); }
  /** A tensor sharing this one's data, cut from the graph (no gradient flows through it). */
  detach(): Tensor { return ops.detach(this); }

  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  relu6(): Tensor { return ops.relu6(this); }
  leakyRelu(alpha = 0.01): Tensor { return ops.leakyRelu(this, alpha); }
  elu(alpha = 1): Tensor { return ops.elu(this, alpha); }
  selu(): Tensor { return ops.selu(this); }
  gelu(approximate = false): Tensor { return ops.gelu(this, approximate); }
  silu(): Tensor { return ops.silu(this); }
  swish(): Tensor { return ops.silu(this); }
  softplus(): Tensor { return ops.softplus(this); }
  softsign(): Tensor { return ops.softsign(this); }
  hardSigmoid(): Tensor { return ops.hardSigmoid(this); }
  mish(): Tensor { return ops.mish(this); }
  softmax(axis = -1): Tensor { return ops.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return ops.logSoftmax(this, axis); }
}
