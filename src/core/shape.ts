import { check, fmtShape } from './errors.js';

/** A tensor's dimensions, outermost first. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides of a contiguous tensor. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Whether two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks that a shape has non-negative integer dimensions. */
export function checkShape(op: string, shape: Shape): void {
  check(Array.isArray(shape), op, () => `shape must be an array of integers, got ${String(shape)}`);
  for (const d of shape) {
    check(
      Number.isInteger(d) && d >= 0,
      op,
      () => `shape ${fmtShape(shape)} has an invalid dimension ${d}`,
    );
  }
}

/** NumPy broadcasting of two shapes; throws naming the op and both shapes when they clash. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    check(
      da === db || da === 1 || db === 1,
      op,
      () => `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together`,
    );
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read a contiguous tensor of shape `from` as if it had the broadcast shape `to`:
 * broadcast dimensions get stride 0.
 */
export function broadcastStrides(from: Shape, to: Shape): number[] {
  const strides = stridesOf(from);
  const out = new Array<number>(to.length).fill(0);
  const offset = to.length - from.length;
  for (let i = 0; i < from.length; i++) {
    out[offset + i] = from[i] === 1 && to[offset + i] !== 1 ? 0 : strides[i]!;
  }
  return out;
}

/**
 * The axes along which a gradient of shape `to` must be summed to undo broadcasting `from` → `to`.
 */
export function broadcastReductionAxes(from: Shape, to: Shape): number[] {
  const axes: number[] = [];
  const offset = to.length - from.length;
  for (let i = 0; i < to.length; i++) {
    if (i < offset) axes.push(i);
    else if (from[i - offset] === 1 && to[i] !== 1) axes.push(i);
  }
  return axes;
}
