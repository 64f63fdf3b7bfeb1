import { Callback, type Logs } from './callback.js';

/** Options of `ProgbarLogger`. */
export interface ProgbarLoggerArgs {
  /** 1: a live bar on a terminal (one line per epoch otherwise); 2: one line per epoch. */
  verbose?: number;
  /** Where text goes. Default: `process.stdout.write` (or `console.log` per line elsewhere). */
  write?: (text: string) => void;
  /** Draw the live bar. Default: whether stdout is a terminal. */
  isTTY?: boolean;
}

const BAR_WIDTH = 20;
const REDRAW_MS = 50;

interface Stdout {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function stdout(): Stdout | undefined {
  return (globalThis as { process?: { stdout?: Stdout } }).process?.stdout;
}

/** A metric value as Keras prints it: 4 decimals, or scientific when tiny. */
export function formatValue(v: number): string {
  return Math.abs(v) > 1e-3 || v === 0 || !Number.isFinite(v) ? v.toFixed(4) : v.toExponential(4);
}

function formatPerStep(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/step`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/step`;
  return `${(seconds * 1e6).toFixed(0)}us/step`;
}

function formatEta(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600)
    return `${Math.floor(s / 3600)}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
  return `${s}s`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(([k, v]) => ` - ${k}: ${formatValue(v)}`)
    .join('');
}

/**
 * Prints training progress as Keras does: `Epoch 3/10`, then on a terminal a live bar
 * `  12/1875 ━━━━━━━━━━━━━━━━━━━━ 8s 5ms/step - accuracy: 0.3400 - loss: 1.9000` with ETA and
 * running metrics, finished with the epoch time and validation values; elsewhere (or with
 * `verbose: 2`) one line per epoch: `1875/1875 - 2s - 1ms/step - loss: … - val_loss: …`.
 * `fit` adds it unless `verbose` is 0.
 */
export class ProgbarLogger extends Callback {
  private readonly verbose: number;
  private readonly write: (text: string) => void;
  private readonly live: boolean;
  private epochStart = 0;
  private lastDraw = 0;
  private seen = 0;
  private lastLength = 0;

  constructor(args: ProgbarLoggerArgs = {}) {
    super();
    this.verbose = args.verbose ?? 1;
    const out = stdout();
    this.write = args.write ?? (out ? (s) => void out.write(s) : lineWriter());
    this.live = this.verbose === 1 && (args.isTTY ?? Boolean(out?.isTTY));
  }

  override onEpochBegin(epoch: number): void {
    if (this.params.epochs > 1) this.write(`Epoch ${epoch + 1}/${this.params.epochs}\n`);
    this.startTimer();
  }

  private startTimer(): void {
    this.epochStart = performance.now();
    this.lastDraw = this.epochStart;
    this.seen = 0;
    this.lastLength = 0;
  }

  override onTestBegin(): void {
    this.startTimer();
  }

  override onTestBatchEnd(batch: number, logs: Logs): void {
    this.onBatchEnd(batch, logs);
  }

  override onTestEnd(logs: Logs): void {
    this.onEpochEnd(0, logs);
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    this.seen = batch + 1;
    if (!this.live) return;
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const perStep = (now - this.epochStart) / 1000 / this.seen;
    const steps = this.params.steps;
    const eta = steps === null ? '' : ` ${formatEta(perStep * (steps - this.seen))}`;
    this.draw(
      `${this.counter(this.seen)} ${this.bar(this.seen)}${eta} ${formatPerStep(perStep)}${formatLogs(logs)}`,
      false,
    );
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const elapsed = (performance.now() - this.epochStart) / 1000;
    const perStep = this.seen > 0 ? elapsed / this.seen : 0;
    const seconds = `${elapsed.toFixed(0)}s`;
    const total = this.params.steps ?? this.seen;
    if (this.live) {
      this.draw(
        `${this.counter(total)} ${this.bar(total)} ${seconds} ${formatPerStep(perStep)}${formatLogs(logs)}`,
        true,
      );
    } else {
      this.write(
        `${this.counter(total)} - ${seconds} - ${formatPerStep(perStep)}${formatLogs(logs)}\n`,
      );
    }
  }

  private counter(current: number): string {
    const steps = this.params.steps;
    if (steps === null) return `${current}/Unknown`;
    return `${String(current).padStart(String(steps).length)}/${steps}`;
  }

  private bar(current: number): string {
    const steps = this.params.steps;
    const done = steps ? Math.min(BAR_WIDTH, Math.floor((BAR_WIDTH * current) / steps)) : 0;
    return `\x1b[32m${'━'.repeat(done)}\x1b[0m\x1b[37m${'━'.repeat(BAR_WIDTH - done)}\x1b[0m`;
  }

  private draw(line: string, final: boolean): void {
    // Overwrite the previous frame: pad with spaces when the new line is shorter.
    const padding = ' '.repeat(Math.max(0, this.lastLength - line.length));
    this.lastLength = line.length;
    this.write(`\r${line}${padding}${final ? '\n' : ''}`);
  }
}

function lineWriter(): (text: string) => void {
  let pending = '';
  return (text) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) console.log(line.replace(/^.*\r/, ''));
  };
}
