/** Shared by callbacks that watch a logged value: which direction counts as better. */

/** `'min'`: lower is better; `'max'`: higher; `'auto'`: inferred from the name. */
export type MonitorMode = 'auto' | 'min' | 'max';

const HIGHER_IS_BETTER =
  /(^|_)(acc|accuracy|auc|precision|recall|f1_score|fmeasure)($|_)|accuracy$/;

/**
 * Resolves `'auto'` as Keras does: accuracy-like names (`accuracy`, `val_auc`, `precision`, …)
 * are maximised, everything else (losses, errors) minimised.
 */
export function resolveMode(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto')
    throw new TypeError(`mode must be 'auto', 'min' or 'max', got '${String(mode)}'`);
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  return HIGHER_IS_BETTER.test(name) ? 'max' : 'min';
}
