import { Callback, type Logs } from './callback.js';

/** Options of `csvLogger`. */
export interface CsvLoggerArgs {
  /** Field separator. Default `','`. */
  separator?: string;
  /** Add to an existing file instead of overwriting it (no second header). Default false. */
  append?: boolean;
}

type Fs = typeof import('node:fs');

/**
 * Writes one CSV row per epoch: `epoch` then every log key in sorted order (Keras's
 * `CSVLogger`). Node only: the file is written with `node:fs`, loaded when training starts.
 *
 * @example nb.callbacks.csvLogger('training.csv', { append: true })
 */
export class CsvLogger extends Callback {
  private fs: Fs | null = null;
  private keys: string[] | null = null;
  private readonly separator: string;
  private readonly append: boolean;

  constructor(
    readonly filename: string,
    args: CsvLoggerArgs = {},
  ) {
    super();
    this.separator = args.separator ?? ',';
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.fs = await import('node:fs');
    this.keys = null;
    if (!this.append) this.fs.writeFileSync(this.filename, '');
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const fs = this.fs;
    if (!fs) return;
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      const exists =
        this.append && fs.existsSync(this.filename) && fs.statSync(this.filename).size > 0;
      if (!exists)
        fs.appendFileSync(this.filename, ['epoch', ...this.keys].join(this.separator) + '\n');
    }
    const row = [String(epoch), ...this.keys.map((k) => (k in logs ? String(logs[k]) : 'NA'))];
    fs.appendFileSync(this.filename, row.join(this.separator) + '\n');
  }
}

/** Creates a `CsvLogger` callback. */
export function csvLogger(filename: string, args: CsvLoggerArgs = {}): CsvLogger {
  return new CsvLogger(filename, args);
}
