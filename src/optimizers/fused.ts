/**
 * Access to the optional fused optimizer kernels of a backend. An optimizer uses one when the
 * backend has it and every operand is a whole float32 buffer; otherwise it composes tensor ops,
 * which is also the reference the fused kernels are tested against.
 */
import type { Backend, BackendBuffer } from '../backend/backend.js';
import type { Tensor } from '../tensor/index.js';

/**
 * The fused SGD-with-momentum kernel a backend may offer, in Keras's convention (the velocity
 * holds `−lr`-scaled steps, so optimizer files match Keras's):
 * `velocity = momentum · velocity − lr · g`, then
 * `param += momentum · velocity − lr · g` when `nesterov`, else `param += velocity`.
 */
export type SgdUpdateKernel = (
  param: BackendBuffer,
  grad: BackendBuffer,
  velocity: BackendBuffer,
  lr: number,
  momentum: number,
  nesterov: boolean,
) => void;

/** A backend that offers the fused SGD kernel (the method is optional and not yet in `Backend`). */
export type SgdFusedBackend = Backend & { sgdUpdate: SgdUpdateKernel };

/** Whether `backend` has a fused Adam kernel. */
export function hasAdamUpdate(
  backend: Backend,
): backend is Backend & { adamUpdate: NonNullable<Backend['adamUpdate']> } {
  return typeof backend.adamUpdate === 'function';
}

/** Whether `backend` has a fused SGD-momentum kernel. */
export function hasSgdUpdate(backend: Backend): backend is SgdFusedBackend {
  return typeof (backend as { sgdUpdate?: unknown }).sgdUpdate === 'function';
}

/**
 * Whether a fused kernel may run on these tensors: all float32, on `variable`'s backend, each
 * owning a buffer of exactly its own size (a fused kernel walks whole buffers).
 */
export function fusable(variable: Tensor, others: readonly Tensor[]): boolean {
  const backend = variable.backend;
  if (!wholeFloat32(variable)) return false;
  for (const t of others) {
    if (t.backend !== backend || !wholeFloat32(t) || t.size !== variable.size) return false;
  }
  return true;
}

function wholeFloat32(t: Tensor): boolean {
  return t.dtype === 'float32' && t.storage.buffer.size === t.size;
}
