/**
 * Gradient clipping, as the optimizers' `clipNorm`, `clipValue` and `globalClipNorm` options apply
 * it (and usable on their own in a hand-written training loop).
 */
import { noGrad, type Tensor } from '../tensor/index.js';

/** The L2 norm `‖g‖₂ = √Σ g²` of one tensor, as a number. */
export function l2Norm(g: Tensor): number {
  return Math.sqrt(sumOfSquares(g));
}

function sumOfSquares(g: Tensor): number {
  return noGrad(() => {
    const squared = g.square();
    const total = squared.sum();
    const value = total.item();
    squared.dispose();
    total.dispose();
    return value;
  });
}

/**
 * The global norm of several tensors: `√(Σᵢ ‖gᵢ‖₂²)`, the norm of all of them concatenated.
 */
export function globalNorm(grads: readonly Tensor[]): number {
  let total = 0;
  for (const g of grads) total += sumOfSquares(g);
  return Math.sqrt(total);
}

/**
 * Rescales `g` so that its L2 norm is at most `clipNorm`: `g · clipNorm / max(‖g‖₂, clipNorm)`.
 * Returns `g` itself when it is already short enough (no copy).
 *
 * @example const clipped = clipByNorm(grad, 1.0);
 */
export function clipByNorm(g: Tensor, clipNorm: number): Tensor {
  const norm = l2Norm(g);
  if (norm <= clipNorm) return g;
  return noGrad(() => g.mul(clipNorm / norm));
}

/**
 * Rescales all gradients by one factor so that their global norm is at most `clipNorm`:
 * `gᵢ · clipNorm / max(globalNorm, clipNorm)`. As in Keras, a non-finite global norm makes every
 * gradient NaN (rather than silently skipping the clip). Gradients that need no scaling are
 * returned as they are.
 */
export function clipByGlobalNorm(grads: readonly Tensor[], clipNorm: number): Tensor[] {
  const norm = globalNorm(grads);
  if (!Number.isFinite(norm)) return noGrad(() => grads.map((g) => g.mul(Number.NaN)));
  if (norm <= clipNorm) return [...grads];
  const scale = clipNorm / norm;
  return noGrad(() => grads.map((g) => g.mul(scale)));
}

/** Clips every element of `g` to `[−clipValue, clipValue]`. */
export function clipByValue(g: Tensor, clipValue: number): Tensor {
  return noGrad(() => g.clip(-clipValue, clipValue));
}
