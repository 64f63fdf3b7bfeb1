/** Fan-in and fan-out of a weight shape, as Keras computes them for variance scaling. */

/**
 * `[fanIn, fanOut]` of a weight of `shape`: a vector counts its length both ways, a matrix
 * `[in, out]` its two dimensions, and a convolution kernel `[…spatial, in, out]` multiplies both
 * by the receptive-field size.
 */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}
