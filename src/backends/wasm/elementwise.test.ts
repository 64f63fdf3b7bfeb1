/** Conformance of the wasm backend's elementwise kernels against the reference backend. */
import { describe, it } from 'node:test';
import type { DType } from '../../core/dtype.js';
import { Random } from '../../core/random.js';
import type { BinaryOp, UnaryOp } from '../../backend/backend.js';
import { BOOL_RESULT_OPS } from '../../backend/backend.js';
import { cpuBackend } from '../cpu/cpu-backend.js';
import { contiguousStrides } from './layout.js';
import { assertTwinClose, randomValues, twin } from './test-utils/twin.js';
import { createWasmBackend } from './create-wasm-backend.js';

const wasm = createWasmBackend({ threads: 2 });
const cpu = cpuBackend;
const rng = new Random(7);
/** Odd sizes around SIMD widths, and one past the threading threshold. */
const SIZES = [1, 7, 33, 129, 300_000];

const UNARY_OPS: UnaryOp[] = [
  'neg', 'abs', 'sqrt', 'rsqrt', 'exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'tanh',
  'sigmoid', 'relu', 'step', 'sign', 'square', 'reciprocal', 'floor', 'ceil', 'round', 'erf',
];
const BINARY_OPS: BinaryOp[] = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'mod', 'eq', 'ne', 'lt', 'le', 'gt',
  'ge', 'logicalAnd', 'logicalOr', 'logicalXor',
];

/** Inputs spanning each op's domain, with exact halves and zeros for rounding and sign. */
function unaryInputs(op: UnaryOp, size: number): number[] {
  const positive = ['sqrt', 'rsqrt', 'log', 'log1p'].includes(op);
  const wide = ['exp', 'expm1', 'tanh', 'sigmoid'].includes(op);
  const range = wide ? 30 : 5;
  const values = randomValues(rng, 'float32', size, positive ? 0.001 : -range, range);
  const specials = [0, -0, 0.5, -1.5, 2.5, 1e-3, -1e-3, 0.6, -0.7];
  for (let i = 0; i < Math.min(size, specials.length); i++) values[i] = specials[i]!;
  if (positive) for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i]!) + 1e-6;
  return values;
}

describe('wasm unary', () => {
  for (const op of UNARY_OPS) {
    it(`${op} float32 matches the reference`, () => {
      for (const size of SIZES) {
        const x = twin(wasm, cpu, 'float32', size, unaryInputs(op, size));
        const out = twin(wasm, cpu, 'float32', size);
        wasm.unary(op, x.test, out.test);
        cpu.unary(op, x.ref, out.ref);
        assertTwinClose(wasm, cpu, out, `${op} size ${size}`, 4e-6, 1e-7);
      }
    });
  }

  it('exp, log, tanh and sigmoid handle the f32 edges', () => {
    const values = [Infinity, -Infinity, NaN, 88.7, 89, -87, -103, -110, 1e-40, 3e38, 20, -20];
    for (const op of ['exp', 'log', 'tanh', 'sigmoid'] as UnaryOp[]) {
      const x = twin(wasm, cpu, 'float32', values.length, values);
      const out = twin(wasm, cpu, 'float32', values.length);
      wasm.unary(op, x.test, out.test);
      cpu.unary(op, x.ref, out.ref);
      assertTwinClose(wasm, cpu, out, op, 4e-6, 1e-44);
    }
  });

  it('other dtypes run through the reference kernels', () => {
    const cases: [UnaryOp, DType][] = [
      ['neg', 'int32'], ['abs', 'float64'], ['exp', 'float64'], ['logicalNot', 'bool'],
      ['square', 'int32'], ['sign', 'float64'],
    ];
    for (const [op, dtype] of cases) {
      const x = twin(wasm, cpu, dtype, 33, randomValues(rng, dtype, 33));
      const out = twin(wasm, cpu, dtype, 33);
      wasm.unary(op, x.test, out.test);
      cpu.unary(op, x.ref, out.ref);
      assertTwinClose(wasm, cpu, out, `${op} ${dtype}`, 0, 0);
    }
  });
});

/** A broadcast case: output shape and the two operand shapes (size-1 dimensions broadcast). */
const BROADCASTS: [string, number[], number[], number[]][] = [
  ['same shape', [33, 7], [33, 7], [33, 7]],
  ['scalar b', [129], [129], [1]],
  ['scalar a', [5, 33], [1, 1], [5, 33]],
  ['row vector', [32, 129], [32, 129], [1, 129]],
  ['column vector', [33, 7], [33, 7], [33, 1]],
  ['outer product', [7, 33], [7, 1], [1, 33]],
  ['3-D mixed', [2, 3, 4, 5], [2, 1, 4, 1], [1, 3, 1, 5]],
  ['rank 7', [2, 1, 2, 3, 2, 2, 3], [2, 1, 2, 3, 2, 2, 3], [1, 1, 2, 1, 2, 1, 3]],
  ['large rows', [600, 513], [600, 513], [1, 513]],
  ['large flat', [300_000], [300_000], [300_000]],
];

/** Element strides of an operand of shape `shape` read in an output of the same rank. */
function broadcastStrides(shape: number[]): number[] {
  const strides = contiguousStrides(shape);
  return strides.map((s, d) => (shape[d] === 1 ? 0 : s));
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

describe('wasm binary', () => {
  for (const [name, outShape, aShape, bShape] of BROADCASTS) {
    it(`${name}: every op on float32 matches the reference`, () => {
      for (const op of BINARY_OPS) {
        const outDtype: DType = BOOL_RESULT_OPS.has(op) ? 'bool' : 'float32';
        const aValues = randomValues(rng, 'float32', size(aShape));
        const bValues = randomValues(rng, 'float32', size(bShape));
        if (op === 'pow') aValues.forEach((v, i) => (aValues[i] = Math.abs(v)));
        // Some equal values, so comparisons see ties.
        const common = Math.min(aValues.length, bValues.length);
        for (let i = 0; i < common; i += 3) aValues[i] = bValues[i]!;
        const a = twin(wasm, cpu, 'float32', aValues.length, aValues);
        const b = twin(wasm, cpu, 'float32', bValues.length, bValues);
        const out = twin(wasm, cpu, outDtype, size(outShape));
        const [sa, sb] = [broadcastStrides(aShape), broadcastStrides(bShape)];
        wasm.binary(op, a.test, sa, b.test, sb, out.test, outShape);
        cpu.binary(op, a.ref, sa, b.ref, sb, out.ref, outShape);
        assertTwinClose(wasm, cpu, out, `${op} ${name}`, 1e-6, 1e-7);
      }
    });
  }

  it('reads transposed operands through their strides', () => {
    const a = twin(wasm, cpu, 'float32', 33 * 7, randomValues(rng, 'float32', 33 * 7));
    const b = twin(wasm, cpu, 'float32', 33 * 7, randomValues(rng, 'float32', 33 * 7));
    const out = twin(wasm, cpu, 'float32', 33 * 7);
    // out [7, 33] = a^T [7, 33] (a stored [33, 7]) * b [7, 33].
    wasm.binary('mul', a.test, [1, 7], b.test, [33, 1], out.test, [7, 33]);
    cpu.binary('mul', a.ref, [1, 7], b.ref, [33, 1], out.ref, [7, 33]);
    assertTwinClose(wasm, cpu, out, 'transposed mul', 0, 0);
  });

  it('NaN propagates through maximum and minimum', () => {
    const values = [NaN, 1, -0, 0, Infinity, -Infinity, 2];
    const other = [1, NaN, 0, -0, 5, 3, 2];
    for (const op of ['maximum', 'minimum'] as BinaryOp[]) {
      const a = twin(wasm, cpu, 'float32', 7, values);
      const b = twin(wasm, cpu, 'float32', 7, other);
      const out = twin(wasm, cpu, 'float32', 7);
      wasm.binary(op, a.test, [1], b.test, [1], out.test, [7]);
      cpu.binary(op, a.ref, [1], b.ref, [1], out.ref, [7]);
      assertTwinClose(wasm, cpu, out, op, 0, 0);
    }
  });

  it('other dtypes run through the reference kernels', () => {
    for (const dtype of ['float64', 'int32', 'bool'] as DType[]) {
      for (const op of BINARY_OPS) {
        const outDtype: DType = BOOL_RESULT_OPS.has(op) ? 'bool' : dtype;
        const a = twin(wasm, cpu, dtype, 12, randomValues(rng, dtype, 12));
        const b = twin(wasm, cpu, dtype, 4, randomValues(rng, dtype, 4).map((v) => v || 1));
        const out = twin(wasm, cpu, outDtype, 12);
        wasm.binary(op, a.test, [4, 1], b.test, [0, 1], out.test, [3, 4]);
        cpu.binary(op, a.ref, [4, 1], b.ref, [0, 1], out.ref, [3, 4]);
        assertTwinClose(wasm, cpu, out, `${op} ${dtype}`, 0, 0);
      }
    }
  });
});

describe('wasm where', () => {
  it('selects with broadcasting, in every dtype', () => {
    for (const dtype of ['float32', 'float64', 'int32', 'bool'] as DType[]) {
      const cond = twin(wasm, cpu, 'bool', 7, randomValues(rng, 'bool', 7));
      const a = twin(wasm, cpu, dtype, 33 * 7, randomValues(rng, dtype, 33 * 7));
      const b = twin(wasm, cpu, dtype, 1, [5]);
      const out = twin(wasm, cpu, dtype, 33 * 7);
      const args = [[0, 1], [7, 1], [0, 0], [33, 7]] as const;
      wasm.where(cond.test, args[0], a.test, args[1], b.test, args[2], out.test, args[3]);
      cpu.where(cond.ref, args[0], a.ref, args[1], b.ref, args[2], out.ref, args[3]);
      assertTwinClose(wasm, cpu, out, `where ${dtype}`, 0, 0);
    }
  });
});
