import type { Shape } from './shape.js';

/** Formats a shape the way error messages print it: `[2,3]`. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Thrown for any invalid argument: bad shape, axis, dtype or option. Names the op. */
export class NablaError extends Error {
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'NablaError';
  }
}

/** Throws a `NablaError` for `op` unless `condition` holds. */
export function check(condition: unknown, op: string, message: () => string): asserts condition {
  if (!condition) throw new NablaError(op, message());
}

/** Normalises a possibly negative axis for a tensor of rank `rank`, or throws naming the op. */
export function normAxis(op: string, axis: number, rank: number, shape?: Shape): number {
  const where = shape ? ` for shape ${fmtShape(shape)}` : ` for rank ${rank}`;
  check(Number.isInteger(axis), op, () => `axis must be an integer, got ${axis}`);
  check(axis >= -rank && axis < rank, op, () => `axis ${axis} is out of range${where}`);
  return axis < 0 ? axis + rank : axis;
}

/** Normalises a list of axes (default: all), sorted and without duplicates. */
export function normAxes(
  op: string,
  axes: number | readonly number[] | undefined | null,
  rank: number,
  shape?: Shape,
): number[] {
  if (axes === undefined || axes === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : [...axes];
  const out = list.map((a) => normAxis(op, a, rank, shape));
  const sorted = [...out].sort((x, y) => x - y);
  for (let i = 1; i < sorted.length; i++) {
    check(sorted[i] !== sorted[i - 1], op, () => `repeated axis ${sorted[i]} in [${list.join(',')}]`);
  }
  return sorted;
}
