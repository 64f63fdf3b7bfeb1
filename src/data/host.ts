import { allocArray, type DType, type TypedArray } from '../core/dtype.js';
import { NablaError, fmtShape } from '../core/errors.js';
import { sizeOf, shapesEqual } from '../core/shape.js';
import { Tensor, tensor } from '../tensor/index.js';

/**
 * What a dataset element can be: a tensor, an array of them (several inputs) or an object of
 * them (`{xs, ys}`), nested as deep as needed.
 */
export type TensorContainer = Tensor | TensorContainer[] | { [key: string]: TensorContainer };

/**
 * A tensor's data held in a plain typed array. Datasets move these between stages, so that
 * slicing a row is a `subarray` and batching is one copy, with no backend tensor per row.
 */
export class HostTensor {
  constructor(
    readonly data: TypedArray,
    readonly shape: readonly number[],
    readonly dtype: DType,
  ) {}
}

/** A `TensorContainer` of `HostTensor`s. */
export type HostContainer = HostTensor | HostContainer[] | { [key: string]: HostContainer };

/** Copies a container of tensors to the host. The tensors are left alive. */
export function toHost(value: TensorContainer, op: string, path = 'element'): HostContainer {
  if (value instanceof Tensor) return new HostTensor(value.dataSync(), value.shape, value.dtype);
  if (Array.isArray(value)) return value.map((v, i) => toHost(v, op, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const out: { [key: string]: HostContainer } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toHost(v, op, `${path}.${k}`);
    return out;
  }
  throw new NablaError(op, `${path} must be a Tensor, an array or an object of tensors`);
}

/** New tensors holding a host container's data; the caller owns (and disposes) them. */
export function toTensors(value: HostContainer): TensorContainer {
  if (value instanceof HostTensor) return tensor(value.data, [...value.shape], value.dtype);
  if (Array.isArray(value)) return value.map(toTensors);
  const out: { [key: string]: TensorContainer } = {};
  for (const [k, v] of Object.entries(value)) out[k] = toTensors(v);
  return out;
}

/** Every leaf of a container with its path, in a fixed order. */
export function leaves(value: HostContainer, path = 'element'): [string, HostTensor][] {
  if (value instanceof HostTensor) return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
}

/** Rebuilds a container of the same structure as `like` from new leaves, in `leaves` order. */
export function withLeaves(like: HostContainer, next: () => HostTensor): HostContainer {
  if (like instanceof HostTensor) return next();
  if (Array.isArray(like)) return like.map((v) => withLeaves(v, next));
  const out: { [key: string]: HostContainer } = {};
  for (const [k, v] of Object.entries(like)) out[k] = withLeaves(v, next);
  return out;
}

/** The number of rows (first dimension) shared by every leaf, or an error naming the mismatch. */
export function rowCount(value: HostContainer, op: string, path = 'element'): number {
  const all = leaves(value, path);
  if (all.length === 0) throw new NablaError(op, 'needs at least one tensor');
  let rows = -1;
  for (const [path, leaf] of all) {
    if (leaf.shape.length === 0) {
      throw new NablaError(op, `${path} is a scalar; it needs a first (row) dimension`);
    }
    if (rows >= 0 && leaf.shape[0] !== rows) {
      const first = all[0]![0];
      throw new NablaError(
        op,
        `${path} has ${leaf.shape[0]} rows but ${first} has ${rows}: ` +
          'all must have the same first dimension',
      );
    }
    rows = leaf.shape[0]!;
  }
  return rows;
}

/** Row `i` of every leaf, as views (no copy). */
export function rowOf(value: HostContainer, i: number): HostContainer {
  const it = leaves(value).values();
  return withLeaves(value, () => {
    const leaf = it.next().value![1];
    const rowShape = leaf.shape.slice(1);
    const n = sizeOf(rowShape);
    return new HostTensor(leaf.data.subarray(i * n, (i + 1) * n), rowShape, leaf.dtype);
  });
}

/** The rows `indices` of every leaf, copied into new arrays (a host-side `gather`). */
export function gatherRows(value: HostContainer, indices: ArrayLike<number>): HostContainer {
  const it = leaves(value).values();
  return withLeaves(value, () => {
    const leaf = it.next().value![1];
    const rowShape = leaf.shape.slice(1);
    const n = sizeOf(rowShape);
    const out = allocArray(leaf.dtype, indices.length * n);
    for (let r = 0; r < indices.length; r++) {
      const i = indices[r]!;
      out.set(leaf.data.subarray(i * n, (i + 1) * n), r * n);
    }
    return new HostTensor(out, [indices.length, ...rowShape], leaf.dtype);
  });
}

/**
 * Stacks elements of one structure along a new first axis. Every element must have the same
 * structure, shapes and dtypes; the error names the first element that differs.
 */
export function stackRows(elements: readonly HostContainer[], op: string): HostContainer {
  const first = leaves(elements[0]!);
  const columns = first.map(([, leaf]) => {
    const n = sizeOf(leaf.shape);
    return { leaf, n, out: allocArray(leaf.dtype, elements.length * n) };
  });
  elements.forEach((element, e) => {
    const these = leaves(element);
    if (these.length !== first.length) {
      throw new NablaError(op, `element ${e} has a different structure from element 0`);
    }
    these.forEach(([path, leaf], k) => {
      const col = columns[k]!;
      if (!shapesEqual(leaf.shape, col.leaf.shape) || leaf.dtype !== col.leaf.dtype) {
        throw new NablaError(
          op,
          `cannot batch ${path}: element ${e} is ${leaf.dtype} ${fmtShape(leaf.shape)} ` +
            `but element 0 is ${col.leaf.dtype} ${fmtShape(col.leaf.shape)}`,
        );
      }
      col.out.set(leaf.data, e * col.n);
    });
  });
  const it = columns.values();
  return withLeaves(elements[0]!, () => {
    const col = it.next().value!;
    return new HostTensor(col.out, [elements.length, ...col.leaf.shape], col.leaf.dtype);
  });
}

/** Disposes every tensor of a container. */
export function disposeAll(value: TensorContainer): void {
  if (value instanceof Tensor) value.dispose();
  else if (Array.isArray(value)) value.forEach(disposeAll);
  else Object.values(value).forEach(disposeAll);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}
