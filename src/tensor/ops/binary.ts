/** Elementwise binary primitives with NumPy broadcasting, each with its gradient. */
import { isFloat, type DType } from '../../core/dtype.js';
import { broadcastShapes, broadcastStrides } from '../../core/shape.js';
import { BOOL_RESULT_OPS, type BinaryOp } from '../../backend/backend.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { floor, log, neg } from './unary.js';
import { where } from './where.js';
import { empty, liftPair, resultType, unbroadcast, type TensorOrScalar } from './util.js';

type BinaryBackward = (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null];

/** Runs a broadcast binary kernel on operands converted to `computeType`. */
export function binaryKernel(
  op: BinaryOp,
  a: Tensor,
  b: Tensor,
  computeType: DType,
  outType: DType,
): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const ac = a.dtype === computeType ? a : cast(a, computeType);
  const bc = b.dtype === computeType ? b : cast(b, computeType);
  const out = empty(shape, outType, a.backend);
  a.backend.binary(
    op,
    ac.storage.buffer,
    broadcastStrides(a.shape, shape),
    bc.storage.buffer,
    broadcastStrides(b.shape, shape),
    out.storage.buffer,
    shape,
  );
  if (ac !== a) ac.dispose();
  if (bc !== b) bc.dispose();
  return out;
}

function arithmetic(
  op: BinaryOp,
  x: TensorOrScalar,
  y: TensorOrScalar,
  backward: BinaryBackward | null,
  floatOnly = false,
): Tensor {
  const [a, b] = liftPair(op, x, y);
  let type = resultType(a, b);
  if (floatOnly && !isFloat(type)) type = 'float32';
  // bool arithmetic happens in int32, as NumPy promotes True + True to 2.
  if (type === 'bool') type = 'int32';
  const out = binaryKernel(op, a, b, type, type);
  if (!backward) return out;
  return Tensor.attach(out, op, [a, b], (g) => {
    const [ga, gb] = backward(g, a, b, out);
    return [
      ga && a.requiresGrad ? unbroadcast(ga, a.shape) : null,
      gb && b.requiresGrad ? unbroadcast(gb, b.shape) : null,
    ];
  });
}

function compare(op: BinaryOp, x: TensorOrScalar, y: TensorOrScalar): Tensor {
  const [a, b] = liftPair(op, x, y);
  const type = op.startsWith('logical') ? 'bool' : resultType(a, b);
  return binaryKernel(op, a, b, type, BOOL_RESULT_OPS.has(op) ? 'bool' : type);
}

/** `a + b` with broadcasting. */
export function add(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('add', a, b, (g) => [g, g]);
}
/** `a − b` with broadcasting. */
export function sub(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('sub', a, b, (g, _a, bv) => [g, bv.requiresGrad ? neg(g) : null]);
}
/** `a · b` elementwise with broadcasting. */
export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('mul', a, b, (g, av, bv) => [
    av.requiresGrad ? mul(g, bv) : null,
    bv.requiresGrad ? mul(g, av) : null,
  ]);
}
/** True division `a / b` (integers divide to float32, as in NumPy). */
export function div(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic(
    'div',
    a,
    b,
    (g, av, bv, out) => [
      av.requiresGrad ? div(g, bv) : null,
      bv.requiresGrad ? neg(div(mul(g, out), bv)) : null,
    ],
    true,
  );
}
/** `a^b` elementwise. The exponent's gradient `aᵇ·ln a` is taken only if it requires grad. */
export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('pow', a, b, (g, av, bv, out) => [
    av.requiresGrad ? mul(g, mul(bv, pow(av, sub(bv, 1)))) : null,
    bv.requiresGrad ? mul(g, mul(out, log(av))) : null,
  ]);
}
/**
 * Elementwise maximum. Where the operands tie, the gradient is split evenly between them, as in
 * PyTorch, so that the sum of both gradients is still the upstream gradient.
 */
export function maximum(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('maximum', a, b, (g, av, bv) => tieSplit(g, av, bv, 'gt'));
}
/** Elementwise minimum; ties split the gradient evenly. */
export function minimum(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('minimum', a, b, (g, av, bv) => tieSplit(g, av, bv, 'lt'));
}
/** Floored modulo (the result has the sign of the divisor, as Python's `%`). */
export function mod(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return arithmetic('mod', a, b, (g, av, bv) => [
    g,
    bv.requiresGrad ? neg(mul(g, floor(div(av, bv)))) : null,
  ]);
}

function tieSplit(g: Tensor, a: Tensor, b: Tensor, wins: 'gt' | 'lt'): [Tensor | null, Tensor | null] {
  const tie = compare('eq', a, b);
  const half = mul(g, 0.5);
  const share = (winner: Tensor, loser: Tensor): Tensor =>
    where(compare(wins, winner, loser), g, where(tie, half, 0));
  return [a.requiresGrad ? share(a, b) : null, b.requiresGrad ? share(b, a) : null];
}

/** `a == b` → bool. */
export function eq(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('eq', a, b);
}
/** `a != b` → bool. */
export function ne(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('ne', a, b);
}
/** `a < b` → bool. */
export function lt(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('lt', a, b);
}
/** `a <= b` → bool. */
export function le(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('le', a, b);
}
/** `a > b` → bool. */
export function gt(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('gt', a, b);
}
/** `a >= b` → bool. */
export function ge(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('ge', a, b);
}
/** Logical and (operands are read as booleans). */
export function logicalAnd(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('logicalAnd', a, b);
}
/** Logical or. */
export function logicalOr(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('logicalOr', a, b);
}
/** Logical exclusive or. */
export function logicalXor(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compare('logicalXor', a, b);
}
