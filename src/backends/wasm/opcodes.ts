import type { BinaryOp, FusedActivation, ReduceOp, UnaryOp } from '../../backend/backend.js';

// Op codes of the wasm kernels; the numbering mirrors the constants in assembly/unary.ts,
// assembly/binary.ts and assembly/reduce.ts. Ops missing here run on the reference kernels.

/** Unary ops with a float32 SIMD kernel. */
export const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 1,
  sqrt: 2,
  rsqrt: 3,
  exp: 4,
  log: 5,
  tanh: 6,
  sigmoid: 7,
  relu: 8,
  step: 9,
  sign: 10,
  square: 11,
  reciprocal: 12,
  floor: 13,
  ceil: 14,
  round: 15,
};

/** Binary ops with a float32 SIMD kernel. */
export const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  maximum: 4,
  minimum: 5,
};

/** Reductions, all with a float32 kernel. */
export const REDUCE_CODES: Record<ReduceOp, number> = { sum: 0, max: 1, min: 2, prod: 3 };

/** Unary ops cheap enough per element that only large arrays are worth splitting over threads. */
export const CHEAP_UNARY: ReadonlySet<UnaryOp> = new Set<UnaryOp>([
  'neg',
  'abs',
  'relu',
  'step',
  'sign',
  'square',
  'floor',
  'ceil',
  'round',
]);

/** Activations of the fused dense epilogue (assembly/dense.ts). */
export const ACTIVATION_CODES: Record<FusedActivation, number> = { linear: 0, relu: 1 };
