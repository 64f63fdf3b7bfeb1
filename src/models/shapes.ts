/** Shape helpers shared by the model files. */
import type { LayerShape } from '../nn/symbolic.js';

/** A shape as Keras prints it: `(None, 64)`. */
export function fmtLayerShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Whether `actual` fits `expected`: same rank, and equal wherever `expected` is known. */
export function shapeMatches(expected: LayerShape, actual: readonly (number | null)[]): boolean {
  if (expected.length !== actual.length) return false;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e !== null && e !== undefined && a !== null && a !== e) return false;
  }
  return true;
}
