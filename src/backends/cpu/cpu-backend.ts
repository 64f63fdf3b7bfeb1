import { allocArray, type DType, type TypedArray } from '../../core/dtype.js';
import type {
  Backend,
  BackendBuffer,
  BinaryOp,
  MatmulSpec,
  PatchSpec,
  ReduceOp,
  UnaryOp,
} from '../../backend/backend.js';
import * as k from './kernels.js';

/** A buffer of the reference backend: a plain JS typed array. */
export interface CpuBuffer extends BackendBuffer {
  readonly data: TypedArray;
}

const data = (b: BackendBuffer): TypedArray => (b as CpuBuffer).data;

/**
 * The pure-TypeScript reference backend: every kernel in plain loops over JS typed arrays.
 * Always available; the oracle of the conformance suite.
 */
export class CpuBackend implements Backend {
  readonly name: string = 'cpu';

  alloc(dtype: DType, size: number): BackendBuffer {
    const buffer: CpuBuffer = { dtype, size, data: allocArray(dtype, size) };
    return buffer;
  }
  free(_buffer: BackendBuffer): void {
    // Garbage collected.
  }
  view(buffer: BackendBuffer): TypedArray {
    return data(buffer);
  }
  fill(out: BackendBuffer, value: number): void {
    k.fill(data(out), value);
  }
  cast(x: BackendBuffer, out: BackendBuffer): void {
    k.cast(data(x), data(out));
  }
  unary(op: UnaryOp, x: BackendBuffer, out: BackendBuffer): void {
    k.unary(op, data(x), data(out));
  }
  binary(
    op: BinaryOp,
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void {
    k.binary(op, data(a), aStrides, data(b), bStrides, data(out), outShape);
  }
  where(
    cond: BackendBuffer,
    condStrides: readonly number[],
    a: BackendBuffer,
    aStrides: readonly number[],
    b: BackendBuffer,
    bStrides: readonly number[],
    out: BackendBuffer,
    outShape: readonly number[],
  ): void {
    k.where(data(cond), condStrides, data(a), aStrides, data(b), bStrides, data(out), outShape);
  }
  reduce(
    op: ReduceOp,
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    k.reduce(op, data(x), outer, size, inner, data(out));
  }
  argReduce(
    op: 'argmax' | 'argmin',
    x: BackendBuffer,
    outer: number,
    size: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    k.argReduce(op, data(x), outer, size, inner, data(out));
  }
  matmul(a: BackendBuffer, b: BackendBuffer, out: BackendBuffer, spec: MatmulSpec): void {
    k.matmul(data(a), data(b), data(out), spec);
  }
  copy(
    src: BackendBuffer,
    srcOffset: number,
    srcStrides: readonly number[],
    dst: BackendBuffer,
    dstOffset: number,
    dstStrides: readonly number[],
    shape: readonly number[],
  ): void {
    k.copy(data(src), srcOffset, srcStrides, data(dst), dstOffset, dstStrides, shape);
  }
  gather(
    x: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    k.gather(data(x), data(indices), outer, axisSize, inner, data(out));
  }
  scatterAdd(
    src: BackendBuffer,
    indices: BackendBuffer,
    outer: number,
    axisSize: number,
    inner: number,
    out: BackendBuffer,
  ): void {
    k.scatterAdd(data(src), data(indices), outer, axisSize, inner, data(out));
  }
  im2col(x: BackendBuffer, spec: PatchSpec, padValue: number, out: BackendBuffer): void {
    k.im2col(data(x), spec, padValue, data(out));
  }
  col2im(cols: BackendBuffer, spec: PatchSpec, out: BackendBuffer): void {
    k.col2im(data(cols), spec, data(out));
  }
  softmax(x: BackendBuffer, rows: number, cols: number, log: boolean, out: BackendBuffer): void {
    k.softmax(data(x), rows, cols, log, data(out));
  }
  adamUpdate(
    param: BackendBuffer,
    grad: BackendBuffer,
    m: BackendBuffer,
    v: BackendBuffer,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void {
    k.adamUpdate(data(param), data(grad), data(m), data(v), lr, beta1, beta2, epsilon);
  }
  sgdUpdate(
    param: BackendBuffer,
    grad: BackendBuffer,
    velocity: BackendBuffer | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
  ): void {
    k.sgdUpdate(data(param), data(grad), velocity && data(velocity), lr, momentum, nesterov);
  }
}

/** The shared reference backend instance. */
export const cpuBackend = new CpuBackend();
