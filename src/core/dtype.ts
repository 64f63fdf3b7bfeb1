/** Element types a tensor can hold. `bool` is stored as one byte per element (0 or 1). */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array that stores each dtype. */
export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Any storage array. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Bytes per element of each dtype. */
export const BYTES_PER_ELEMENT: Record<DType, number> = {
  float32: 4,
  float64: 8,
  int32: 4,
  bool: 1,
};

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Whether `value` names a dtype. */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/** Whether a dtype is a floating-point type (gradients only flow through these). */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** Allocates a zeroed JS typed array for `dtype`. */
export function allocArray<D extends DType>(dtype: D, size: number): DTypeArrays[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DTypeArrays[D];
    case 'float64':
      return new Float64Array(size) as DTypeArrays[D];
    case 'int32':
      return new Int32Array(size) as DTypeArrays[D];
    case 'bool':
      return new Uint8Array(size) as DTypeArrays[D];
  }
  throw new Error(`unknown dtype ${String(dtype)}`);
}

/** The dtype whose storage is the given typed array. */
export function dtypeOfArray(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  return 'bool';
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * The dtype two operands are promoted to, as NumPy and PyTorch do for these four:
 * bool < int32 < float32 < float64.
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The float dtype used when an integer or boolean tensor enters a float-only op. */
export function toFloat(dtype: DType): DType {
  return isFloat(dtype) ? dtype : 'float32';
}
