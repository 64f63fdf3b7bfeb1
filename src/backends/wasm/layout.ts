/**
 * Dimension merging for strided kernels: drops size-1 dimensions and fuses neighbours that every
 * operand walks contiguously, so `[32, 128] + [128]` stays 2-D and a same-shape op becomes 1-D.
 */
export interface MergedLayout {
  readonly shape: number[];
  /** One stride list per operand, each as long as `shape`. */
  readonly strides: number[][];
}

/**
 * Merges `shape` for operands with the given element strides. A dimension `d` fuses into the next
 * one when, for every operand, `strides[d] == strides[d + 1] * shape[d + 1]`.
 */
export function mergeDims(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): MergedLayout {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const extent = shape[d]!;
    if (extent === 1) continue;
    const last = outShape.length - 1;
    const fuses =
      last >= 0 && strides.every((s, i) => outStrides[i]![last] === s[d]! * extent);
    if (fuses) {
      outShape[last] = outShape[last]! * extent;
      strides.forEach((s, i) => {
        outStrides[i]![last] = s[d]!;
      });
    } else {
      outShape.push(extent);
      strides.forEach((s, i) => outStrides[i]!.push(s[d]!));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/** Contiguous row-major strides of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d]!;
  }
  return strides;
}
