/**
 * Categorical cross-entropy on probabilities, Keras's formula, as one fused op: it is the loss
 * of every softmax classifier, and the composite form costs about a dozen small ops per step.
 */
import { normAxis } from '../core/errors.js';
import { Tensor, backend, tensor } from '../tensor/index.js';
import { EPSILON } from './epsilon.js';
import { shapeError } from './match-shapes.js';

const HIGH = 1 - EPSILON;

/**
 * The composite definition: `−Σ yTrue · ln(clip(yPred / Σ yPred, ε, 1 − ε))` along `axis`. The
 * fused op is tested against it.
 */
export function probabilityCrossEntropyComposite(yTrue: Tensor, yPred: Tensor, axis = -1): Tensor {
  const q = yPred.div(yPred.sum(axis, true)).clip(EPSILON, HIGH);
  return yTrue.mul(q.log()).sum(axis).neg();
}

/**
 * Categorical cross-entropy of probabilities `yPred` against targets `yTrue`, as Keras computes
 * it: each row is first divided by its sum, then clipped to `[ε, 1 − ε]` (ε = 1e-7) so that
 * probabilities of exactly 0 or 1 stay finite. Along the last axis this runs as one fused op
 * (forward and backward each a single pass); other axes use the composite form.
 *
 * Shapes: `[batch, …, classes]` (both) → `[batch, …]`.
 */
export function probabilityCrossEntropy(yTrue: Tensor, yPred: Tensor, axis = -1): Tensor {
  const same = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
  if (!same) throw shapeError('categoricalCrossentropy', yTrue, yPred, 'must have the same shape');
  const a = normAxis('categoricalCrossentropy', axis, yPred.rank, yPred.shape);
  // The fused op creates its results on the active backend.
  const active = yPred.backend === backend() && yTrue.backend === backend();
  const fusable = a === yPred.rank - 1 && active;
  if (!fusable) return probabilityCrossEntropyComposite(yTrue, yPred, a);
  return fusedForward(yTrue, yPred);
}

function fusedForward(yTrue: Tensor, yPred: Tensor): Tensor {
  const cols = yPred.shape[yPred.rank - 1]!;
  const rows = cols === 0 ? 0 : yPred.size / cols;
  const p = yPred.dataSync();
  const y = yTrue.dataSync();
  const sums = new Float64Array(rows);
  const losses = yPred.dtype === 'float64' ? new Float64Array(rows) : new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += p[base + j]!;
    let loss = 0;
    for (let j = 0; j < cols; j++) loss -= y[base + j]! * Math.log(clipped(p[base + j]! / s));
    sums[r] = s;
    losses[r] = loss;
  }
  const out = tensor(losses, { shape: yPred.shape.slice(0, -1), dtype: yPred.dtype });
  return Tensor.attach(out, 'categoricalCrossentropy', [yTrue, yPred], (g) => {
    const upstream = g.dataSync();
    const gradPred = yPred.requiresGrad ? new Float64Array(yPred.size) : null;
    const gradTrue = yTrue.requiresGrad ? new Float64Array(yTrue.size) : null;
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      const s = sums[r]!;
      const gr = upstream[r]!;
      // With q = p/s and c = clip(q): ∂L/∂q_j = a_j = −y_j/c_j inside the clip range (0 outside),
      // and ∂L/∂p_j = (a_j − Σ_i a_i q_i) / s through the normalisation.
      let dot = 0;
      for (let j = 0; j < cols; j++) {
        const q = p[base + j]! / s;
        dot += slope(y[base + j]!, q) * q;
      }
      for (let j = 0; j < cols; j++) {
        const q = p[base + j]! / s;
        if (gradPred) gradPred[base + j] = (gr * (slope(y[base + j]!, q) - dot)) / s;
        if (gradTrue) gradTrue[base + j] = -gr * Math.log(clipped(q));
      }
    }
    return [
      gradTrue && tensor(gradTrue, { shape: yTrue.shape, dtype: yTrue.dtype }),
      gradPred && tensor(gradPred, { shape: yPred.shape, dtype: yPred.dtype }),
    ];
  });
}

function clipped(q: number): number {
  if (q < EPSILON) return EPSILON;
  if (q > HIGH) return HIGH;
  return q;
}

/** `∂(−y·ln clip(q))/∂q`: zero where the clip is active, as the composite's gradient. */
function slope(y: number, q: number): number {
  return q < EPSILON || q > HIGH ? 0 : -y / q;
}
