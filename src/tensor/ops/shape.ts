/** Shape and movement ops: views (reshape) and strided copies, with their gradients. */
import { NablaError, check, fmtShape, normAxes, normAxis } from '../../core/errors.js';
import { broadcastShapes, broadcastStrides, checkShape, shapesEqual, sizeOf, stridesOf } from '../../core/shape.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { assertTensor, empty, unbroadcast } from './util.js';

/** Resolves one `-1` in a requested shape. */
function resolveShape(op: string, x: Tensor, requested: readonly number[]): number[] {
  const shape = [...requested];
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) {
    check(shape.indexOf(-1, unknown + 1) < 0, op, () => `only one -1 allowed in ${fmtShape(requested)}`);
    const known = sizeOf(shape.filter((_, i) => i !== unknown));
    check(known > 0 && x.size % known === 0, op, () =>
      `cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(requested)}`,
    );
    shape[unknown] = x.size / known;
  }
  checkShape(op, shape);
  check(sizeOf(shape) === x.size, op, () =>
    `cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(requested)}`,
  );
  return shape;
}

/** A view with a new shape and the same elements (one dimension may be -1). No copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor('reshape', x);
  const target = resolveShape('reshape', x, shape);
  const out = new Tensor(x.storage.retain(), target, x.dtype);
  return Tensor.attach(out, 'reshape', [x], (g) => [reshape(g, x.shape)]);
}

/** Collapses axes `startAxis..endAxis` into one (all axes by default). */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  assertTensor('flatten', x);
  if (x.rank === 0) return reshape(x, [1]);
  const s = normAxis('flatten', startAxis, x.rank, x.shape);
  const e = normAxis('flatten', endAxis, x.rank, x.shape);
  check(s <= e, 'flatten', () => `startAxis ${startAxis} is after endAxis ${endAxis}`);
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Inserts a size-1 axis at `axis`. */
export function expandDims(x: Tensor, axis = 0): Tensor {
  assertTensor('expandDims', x);
  const a = normAxis('expandDims', axis, x.rank + 1, x.shape);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 axes (the given ones, or all). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  assertTensor('squeeze', x);
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normAxes('squeeze', axis, x.rank, x.shape);
  for (const a of axes) {
    check(x.shape[a] === 1, 'squeeze', () => `axis ${a} of ${fmtShape(x.shape)} has size ${x.shape[a]}, not 1`);
  }
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/** Copies a strided window of `x` into a new contiguous tensor of `shape`. */
function stridedCopy(x: Tensor, offset: number, strides: readonly number[], shape: readonly number[]): Tensor {
  const out = empty(shape, x.dtype, x.backend);
  x.backend.copy(x.storage.buffer, offset, strides, out.storage.buffer, 0, stridesOf(shape), shape);
  return out;
}

/** Permutes the axes (reverses them by default). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor('transpose', x);
  const p = perm ? [...perm] : x.shape.map((_, i) => x.rank - 1 - i);
  check(p.length === x.rank, 'transpose', () => `permutation [${p.join(',')}] does not match rank of ${fmtShape(x.shape)}`);
  const norm = normAxes('transpose', p, x.rank, x.shape);
  check(norm.length === x.rank, 'transpose', () => `[${p.join(',')}] is not a permutation`);
  const axes = p.map((a) => (a < 0 ? a + x.rank : a));
  const strides = stridesOf(x.shape);
  const out = stridedCopy(x, 0, axes.map((a) => strides[a]!), axes.map((a) => x.shape[a]!));
  const inverse = new Array<number>(x.rank);
  axes.forEach((a, i) => (inverse[a] = i));
  return Tensor.attach(out, 'transpose', [x], (g) => [transpose(g, inverse)]);
}

/** Materialises `x` broadcast to `shape` (NumPy rules). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor('broadcastTo', x);
  checkShape('broadcastTo', shape);
  const full = broadcastShapes('broadcastTo', x.shape, shape);
  check(shapesEqual(full, shape), 'broadcastTo', () => `cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  if (shapesEqual(x.shape, shape)) return reshape(x, shape);
  const out = stridedCopy(x, 0, broadcastStrides(x.shape, shape), shape);
  return Tensor.attach(out, 'broadcastTo', [x], (g) => [unbroadcast(g, x.shape)]);
}

/**
 * Slices `x`: for each axis, `begin` (inclusive), `end` (exclusive, `null` = to the end) and
 * `step` (may be negative). Negative indices count from the end, as in Python.
 */
export function slice(
  x: Tensor,
  begin: readonly number[],
  end?: readonly (number | null)[],
  step?: readonly number[],
): Tensor {
  assertTensor('slice', x);
  check(begin.length <= x.rank, 'slice', () => `begin has ${begin.length} entries for ${fmtShape(x.shape)}`);
  const strides = stridesOf(x.shape);
  let offset = 0;
  const outShape: number[] = [];
  const outStrides: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    const dim = x.shape[i]!;
    const st = step?.[i] ?? 1;
    check(Number.isInteger(st) && st !== 0, 'slice', () => `step must be a non-zero integer, got ${st}`);
    const clampIndex = (v: number, lo: number, hi: number): number => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
    let b: number;
    let e: number;
    if (st > 0) {
      b = i < begin.length ? clampIndex(begin[i]!, 0, dim) : 0;
      const rawEnd = end?.[i];
      e = rawEnd === undefined || rawEnd === null ? dim : clampIndex(rawEnd, 0, dim);
    } else {
      b = i < begin.length ? clampIndex(begin[i]!, -1, dim - 1) : dim - 1;
      const rawEnd = end?.[i];
      e = rawEnd === undefined || rawEnd === null ? -1 : clampIndex(rawEnd, -1, dim - 1);
    }
    const count = Math.max(0, Math.ceil((e - b) / st));
    offset += count > 0 ? b * strides[i]! : 0;
    outShape.push(count);
    outStrides.push(strides[i]! * st);
  }
  const out = stridedCopy(x, offset, outStrides, outShape);
  return Tensor.attach(out, 'slice', [x], (g) => {
    const gx = empty(x.shape, g.dtype, g.backend);
    g.backend.copy(g.storage.buffer, 0, stridesOf(outShape), gx.storage.buffer, offset, outStrides, outShape);
    return [gx];
  });
}

/** Joins tensors along an existing axis. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  check(Array.isArray(tensors) && tensors.length > 0, 'concat', () => 'needs a non-empty array of tensors');
  tensors.forEach((t, i) => assertTensor('concat', t, `tensors[${i}]`));
  const first = tensors[0]!;
  const a = normAxis('concat', axis, first.rank, first.shape);
  let total = 0;
  for (const t of tensors) {
    const same = t.rank === first.rank && t.shape.every((d: number, i: number) => i === a || d === first.shape[i]);
    check(same, 'concat', () => `shapes ${fmtShape(first.shape)} and ${fmtShape(t.shape)} differ outside axis ${a}`);
    check(t.dtype === first.dtype, 'concat', () => `dtypes differ: ${first.dtype} and ${t.dtype}`);
    total += t.shape[a]!;
  }
  const shape = [...first.shape];
  shape[a] = total;
  const out = empty(shape, first.dtype, first.backend);
  const outStrides = stridesOf(shape);
  let start = 0;
  const starts: number[] = [];
  for (const t of tensors) {
    starts.push(start);
    first.backend.copy(t.storage.buffer, 0, stridesOf(t.shape), out.storage.buffer, start * outStrides[a]!, outStrides, t.shape);
    start += t.shape[a]!;
  }
  return Tensor.attach(out, 'concat', tensors, (g) =>
    tensors.map((t, i) => {
      if (!t.requiresGrad) return null;
      const begin = shape.map((_, d) => (d === a ? starts[i]! : 0));
      const end = shape.map((dim, d) => (d === a ? starts[i]! + t.shape[a]! : dim));
      return slice(g, begin, end);
    }),
  );
}

/** Stacks same-shaped tensors along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  check(Array.isArray(tensors) && tensors.length > 0, 'stack', () => 'needs a non-empty array of tensors');
  tensors.forEach((t, i) => assertTensor('stack', t, `tensors[${i}]`));
  const first = tensors[0]!;
  for (const t of tensors) {
    check(shapesEqual(t.shape, first.shape), 'stack', () => `shapes differ: ${fmtShape(first.shape)} and ${fmtShape(t.shape)}`);
  }
  const a = normAxis('stack', axis, first.rank + 1, first.shape);
  return concat(tensors.map((t) => expandDims(t, a)), a);
}

/** Splits along `axis` into `n` equal parts, or into parts of the given sizes (one may be -1). */
export function split(x: Tensor, sizesOrSections: number | readonly number[], axis = 0): Tensor[] {
  assertTensor('split', x);
  const a = normAxis('split', axis, x.rank, x.shape);
  const dim = x.shape[a]!;
  let sizes: number[];
  if (typeof sizesOrSections === 'number') {
    check(Number.isInteger(sizesOrSections) && sizesOrSections > 0 && dim % sizesOrSections === 0, 'split', () =>
      `axis ${a} of ${fmtShape(x.shape)} does not split into ${sizesOrSections} equal parts`,
    );
    sizes = new Array<number>(sizesOrSections).fill(dim / sizesOrSections);
  } else {
    sizes = [...sizesOrSections];
    const unknown = sizes.indexOf(-1);
    if (unknown >= 0) sizes[unknown] = dim - sizes.reduce((s, v, i) => (i === unknown ? s : s + v), 0);
    check(sizes.every((s) => s >= 0) && sizes.reduce((s, v) => s + v, 0) === dim, 'split', () =>
      `sizes [${sizesOrSections.join(',')}] do not add up to ${dim} (axis ${a} of ${fmtShape(x.shape)})`,
    );
  }
  let start = 0;
  return sizes.map((s) => {
    const begin = x.shape.map((_, d) => (d === a ? start : 0));
    const end = x.shape.map((d, i) => (i === a ? start + s : d));
    start += s;
    return slice(x, begin, end);
  });
}

/** Pads each axis with `[before, after]` elements of `value`. */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  assertTensor('pad', x);
  check(paddings.length === x.rank, 'pad', () => `needs ${x.rank} [before, after] pairs for ${fmtShape(x.shape)}, got ${paddings.length}`);
  for (const p of paddings) {
    check(Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0), 'pad', () => `paddings must be non-negative integer pairs, got ${JSON.stringify(paddings)}`);
  }
  const shape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  const out = empty(shape, x.dtype, x.backend);
  if (value !== 0) x.backend.fill(out.storage.buffer, value);
  const outStrides = stridesOf(shape);
  const offset = paddings.reduce((s, p, i) => s + p[0] * outStrides[i]!, 0);
  x.backend.copy(x.storage.buffer, 0, stridesOf(x.shape), out.storage.buffer, offset, outStrides, x.shape);
  return Tensor.attach(out, 'pad', [x], (g) => [
    slice(g, paddings.map((p) => p[0]), x.shape.map((d, i) => paddings[i]![0] + d)),
  ]);
}

/** Repeats the tensor `reps[i]` times along each axis. */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  assertTensor('tile', x);
  check(reps.length === x.rank && reps.every((r) => Number.isInteger(r) && r >= 0), 'tile', () =>
    `reps [${reps.join(',')}] must hold one non-negative integer per axis of ${fmtShape(x.shape)}`,
  );
  // Seen as [r0, d0, r1, d1, ...], tiling is a broadcast of [1, d0, 1, d1, ...].
  const interleaved = x.shape.flatMap((d) => [1, d]);
  const target = x.shape.flatMap((d, i) => [reps[i]!, d]);
  const expanded = broadcastTo(reshape(x, interleaved), target);
  return reshape(expanded, x.shape.map((d, i) => d * reps[i]!));
}

/** Takes slices along `axis` at the given integer indices (negative ones count from the end). */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  assertTensor('gather', x);
  const a = normAxis('gather', axis, x.rank, x.shape);
  const dim = x.shape[a]!;
  let idx: Tensor;
  if (indices instanceof Tensor) {
    indices.assertAlive('gather');
    check(indices.dtype === 'int32' || indices.dtype === 'float32' || indices.dtype === 'float64', 'gather', () => `indices must be integers, got ${indices.dtype}`);
    idx = cast(indices, 'int32');
  } else {
    idx = empty([indices.length], 'int32', x.backend);
    x.backend.view(idx.storage.buffer).set(indices);
  }
  const view = x.backend.view(idx.storage.buffer);
  for (let i = 0; i < idx.size; i++) {
    let v = view[i]!;
    if (v < 0) v += dim;
    if (!(v >= 0 && v < dim)) {
      idx.dispose();
      throw new NablaError('gather', `index ${view[i]} is out of range for axis ${a} of ${fmtShape(x.shape)}`);
    }
    view[i] = v;
  }
  const outer = sizeOf(x.shape.slice(0, a));
  const inner = sizeOf(x.shape.slice(a + 1));
  const idxShape = indices instanceof Tensor ? indices.shape : [indices.length];
  const shape = [...x.shape.slice(0, a), ...idxShape, ...x.shape.slice(a + 1)];
  const out = empty(shape, x.dtype, x.backend);
  x.backend.gather(x.storage.buffer, idx.storage.buffer, outer, dim, inner, out.storage.buffer);
  const result = Tensor.attach(out, 'gather', [x], (g) => {
    const gx = empty(x.shape, g.dtype, g.backend);
    g.backend.scatterAdd(g.storage.buffer, idx.storage.buffer, outer, dim, inner, gx.storage.buffer);
    return [gx];
  });
  // The indices live on in the backward closure only when a graph was recorded.
  if (!result.node) idx.dispose();
  return result;
}

/** One-hot encodes integer class indices: `[...] → [..., depth]`. */
export function oneHot(indices: Tensor, depth: number, onValue = 1, offValue = 0): Tensor {
  assertTensor('oneHot', indices);
  check(Number.isInteger(depth) && depth > 0, 'oneHot', () => `depth must be a positive integer, got ${depth}`);
  const values = indices.dataSync();
  const out = empty([...indices.shape, depth], 'float32', indices.backend);
  const data = indices.backend.view(out.storage.buffer);
  if (offValue !== 0) data.fill(offValue);
  for (let i = 0; i < values.length; i++) {
    const c = values[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < depth)) {
      out.dispose();
      throw new NablaError('oneHot', `class index ${c} is out of range for depth ${depth}`);
    }
    data[i * depth + c] = onValue;
  }
  return out;
}
