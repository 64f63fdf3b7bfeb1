/** Matrix products with batch broadcasting; the backward pass reads operands transposed in place. */
import { check, fmtShape } from '../../core/errors.js';
import { broadcastShapes, shapesEqual, sizeOf } from '../../core/shape.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { mul } from './binary.js';
import { sum } from './reduce.js';
import { broadcastTo, reshape } from './shape.js';
import { assertTensor, empty, resultType, unbroadcast } from './util.js';

/** Rows and columns of a stored matrix as the product reads it. */
function dims(t: Tensor, trans: boolean): [number, number] {
  const r = t.shape[t.rank - 2]!;
  const c = t.shape[t.rank - 1]!;
  return trans ? [c, r] : [r, c];
}

/** The primitive: `op(a) @ op(b)` for operands of rank ≥ 2 with broadcast batch dimensions. */
function matmulT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const [m, k] = dims(a, transA);
  const [k2, n] = dims(b, transB);
  check(k === k2, 'matmul', () =>
    `inner dimensions differ: ${fmtShape(a.shape)}${transA ? 'ᵀ' : ''} @ ${fmtShape(b.shape)}${transB ? 'ᵀ' : ''}`,
  );
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batchShape = broadcastShapes('matmul', aBatch, bBatch);
  const batch = sizeOf(batchShape);
  const type = resultType(a, b);
  // An operand whose batch is neither full nor a single matrix is materialised.
  const prepare = (t: Tensor, own: number[]): [Tensor, number] => {
    const converted = t.dtype === type ? t : cast(t, type);
    const matrix = t.shape[t.rank - 2]! * t.shape[t.rank - 1]!;
    if (sizeOf(own) === 1) return [converted, 0];
    if (shapesEqual(own, batchShape)) return [converted, matrix];
    const full = broadcastTo(converted, [...batchShape, ...t.shape.slice(-2)]);
    if (converted !== t) converted.dispose();
    return [full, matrix];
  };
  const [ap, aStride] = prepare(a, aBatch);
  const [bp, bStride] = prepare(b, bBatch);
  const out = empty([...batchShape, m, n], type, a.backend);
  a.backend.matmul(ap.storage.buffer, bp.storage.buffer, out.storage.buffer, {
    batch,
    m,
    n,
    k,
    transA,
    transB,
    aBatchStride: aStride,
    bBatchStride: bStride,
  });
  if (ap !== a) ap.dispose();
  if (bp !== b) bp.dispose();
  return Tensor.attach(out, 'matmul', [a, b], (g) => {
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      if (!transA) ga = transB ? matmulT(g, b, false, false) : matmulT(g, b, false, true);
      else ga = transB ? matmulT(b, g, true, true) : matmulT(b, g, false, true);
    }
    if (b.requiresGrad) {
      if (!transB) gb = transA ? matmulT(a, g, false, false) : matmulT(a, g, true, false);
      else gb = transA ? matmulT(g, a, true, true) : matmulT(g, a, true, false);
    }
    return [ga && unbroadcast(ga, a.shape), gb && unbroadcast(gb, b.shape)];
  });
}

/**
 * Matrix product with NumPy semantics: 1-D operands are promoted to a row (left) or a column
 * (right) and the added axis is removed; leading batch dimensions broadcast.
 * `transposeA`/`transposeB` read the last two axes of an operand transposed, without a copy.
 *
 * Shapes: `[..., m, k] @ [..., k, n] → [..., m, n]`.
 */
export function matmul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  assertTensor('matmul', a, 'a');
  assertTensor('matmul', b, 'b');
  check(a.rank >= 1 && b.rank >= 1, 'matmul', () => `operands must have rank ≥ 1, got ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}`);
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  let out = matmulT(a2, b2, a.rank > 1 && transposeA, b.rank > 1 && transposeB);
  if (a.rank === 1) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.rank - 1]!]);
  if (b.rank === 1) out = reshape(out, out.shape.slice(0, -1));
  return out;
}

/** Inner product of two vectors, or `matmul` for higher ranks. */
export function dot(a: Tensor, b: Tensor): Tensor {
  assertTensor('dot', a, 'a');
  assertTensor('dot', b, 'b');
  if (a.rank === 1 && b.rank === 1) {
    check(a.size === b.size, 'dot', () => `vector lengths differ: ${fmtShape(a.shape)} · ${fmtShape(b.shape)}`);
    return sum(mul(a, b));
  }
  return matmul(a, b);
}
