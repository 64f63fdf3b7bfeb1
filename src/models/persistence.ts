/**
 * The bridge from `model.save()` to the model-file code. Files live in `src/io`, a level that
 * builds on models, so models cannot import it; the top-level entry point installs io's functions
 * here explicitly (see `src/index.ts`).
 */
import { NablaError } from '../core/errors.js';
import type { Model } from './model.js';

/** Saves a model to a path or storage URL (`'m.nabla'`, `'localstorage://m'`, …). */
export type ModelSaver = (
  model: Model,
  target: string,
  options?: { includeOptimizer?: boolean },
) => Promise<unknown>;

let saver: ModelSaver | null = null;

/** Installs the function `Model.save` delegates to. */
export function setModelSaver(fn: ModelSaver): void {
  saver = fn;
}

/** The installed saver, or a clear error when the io level was not loaded. */
export function modelSaver(): ModelSaver {
  if (!saver) {
    throw new NablaError('save', "no model saver installed: import 'nabla' (or call setModelSaver(saveModel))");
  }
  return saver;
}
