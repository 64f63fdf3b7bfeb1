/**
 * Reference versions of the fused dense-layer kernels (`Backend.biasActivation`,
 * `biasActivationGrad`, `softmaxGrad`) on typed arrays, for dtypes without a SIMD kernel. They
 * follow the float32 kernels' order of operations.
 */
import type { TypedArray } from '../../core/dtype.js';
import type { FusedActivation } from '../../backend/backend.js';

/** `out[r, j] = act(x[r, j] + bias[j])`; `x` and `out` may alias. */
export function biasActivation(
  x: TypedArray,
  bias: TypedArray,
  rows: number,
  cols: number,
  activation: FusedActivation,
  out: TypedArray,
): void {
  const relu = activation === 'relu';
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]! + bias[j]!;
      out[base + j] = relu ? (0 < v ? v : 0) : v;
    }
  }
}

/** `dz = g · act'(y)` (skipped for linear) and `dbias = Σ_rows dz`, in row order. */
export function biasActivationGrad(
  g: TypedArray,
  y: TypedArray,
  rows: number,
  cols: number,
  activation: FusedActivation,
  dz: TypedArray | null,
  dbias: TypedArray | null,
): void {
  const relu = activation === 'relu';
  dbias?.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) {
      let d = g[base + j]!;
      if (relu) {
        d *= y[base + j]! > 0 ? 1 : 0;
        dz![base + j] = d;
      }
      if (dbias) dbias[j] = dbias[j]! + d;
    }
  }
}

/** `dx = y · (g − Σ_j g_j y_j)` row by row. */
export function softmaxGrad(
  g: TypedArray,
  y: TypedArray,
  rows: number,
  cols: number,
  dx: TypedArray,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += g[base + j]! * y[base + j]!;
    if (dx instanceof Float32Array) dot = Math.fround(dot);
    for (let j = 0; j < cols; j++) dx[base + j] = y[base + j]! * (g[base + j]! - dot);
  }
}
