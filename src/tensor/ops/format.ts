/** Reading data back: nested arrays and a readable `toString()`. */
import type { TypedArray } from '../../core/dtype.js';
import { fmtShape } from '../../core/errors.js';
import type { NestedArray, Tensor } from '../tensor.js';

/** Rebuilds nested arrays of `shape` from flat data. */
export function toNested(data: TypedArray, shape: readonly number[], asBool: boolean): NestedArray {
  const read = (i: number): number | boolean => (asBool ? data[i] !== 0 : data[i]!);
  if (shape.length === 0) return read(0);
  const build = (dim: number, offset: number, stride: number): NestedArray => {
    const size = shape[dim]!;
    const inner = stride / Math.max(size, 1);
    const out: NestedArray[] = [];
    for (let i = 0; i < size; i++) {
      out.push(dim === shape.length - 1 ? read(offset + i) : build(dim + 1, offset + i * inner, inner));
    }
    return out;
  };
  return build(0, 0, data.length);
}

function formatValue(v: number, isFloat: boolean): string {
  if (!isFloat) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return `${v}.`;
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? v.toExponential(4) : String(Number(v.toFixed(4)));
}

/** Renders values (eliding the middle of long axes), then shape and dtype. */
export function formatTensor(t: Tensor): string {
  if (t.isDisposed) return `Tensor(disposed, shape=${fmtShape(t.shape)}, dtype=${t.dtype})`;
  const data = t.dataSync();
  const isFloat = t.dtype === 'float32' || t.dtype === 'float64';
  const edge = 3;
  const render = (dim: number, offset: number, indent: string): string => {
    if (t.rank === 0) return t.dtype === 'bool' ? String(data[0] !== 0) : formatValue(data[0]!, isFloat);
    const size = t.shape[dim]!;
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const picks: (number | null)[] = [];
    if (size > 2 * edge + 1) {
      for (let i = 0; i < edge; i++) picks.push(i);
      picks.push(null);
      for (let i = size - edge; i < size; i++) picks.push(i);
    } else {
      for (let i = 0; i < size; i++) picks.push(i);
    }
    if (dim === t.rank - 1) {
      const cells = picks.map((i) => i === null ? '...' : t.dtype === 'bool' ? String(data[offset + i] !== 0) : formatValue(data[offset + i]!, isFloat));
      return `[${cells.join(', ')}]`;
    }
    const rows = picks.map((i) => (i === null ? '...' : render(dim + 1, offset + i * stride, indent + ' ')));
    return `[${rows.join(`,\n${indent} `)}]`;
  };
  const name = t.name ? `, name=${t.name}` : '';
  return `Tensor(${render(0, 0, '       ')}, shape=${fmtShape(t.shape)}, dtype=${t.dtype}${t.requiresGrad ? ', requiresGrad' : ''}${name})`;
}
