import { Callback, type Logs } from './callback.js';

/**
 * Stops training as soon as a batch's loss is NaN or infinite (Keras's `TerminateOnNaN`).
 * The current epoch ends after that batch.
 */
export class TerminateOnNaN extends Callback {
  constructor(private readonly print: (line: string) => void = console.log) {
    super();
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss'];
    if (loss !== undefined && !Number.isFinite(loss) && this.model) {
      this.print(`Batch ${batch}: Invalid loss, terminating training`);
      this.model.stopTraining = true;
    }
  }
}

/** Creates a `TerminateOnNaN` callback. */
export function terminateOnNaN(): TerminateOnNaN {
  return new TerminateOnNaN();
}
