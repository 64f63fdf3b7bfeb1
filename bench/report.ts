/**
 * The benchmark's Markdown report: the machine, one table of medians with each peer's ratio to
 * nabla, what ran in each framework, notes, and the targets checked against the numbers.
 */
import { FRAMEWORK_LABELS, type FrameworkId } from './adapter.js';
import type { MachineInfo } from './machine.js';
import type { Measurement, Workload } from './result.js';
import { median } from './stats.js';

/** Everything one run produced; also the JSON written to `bench/out/`. */
export interface BenchReport {
  command: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  measurements: Measurement[];
}

/**
 * Peer time / nabla time (> 1: nabla is faster), from medians; for throughputs that is nabla's
 * rate over the peer's. Null when either side is missing.
 */
export function speedRatio(peer: Measurement, nabla: Measurement | undefined): number | null {
  if (!nabla || nabla.median === null || peer.median === null) return null;
  return peer.higherIsBetter ? nabla.median / peer.median : peer.median / nabla.median;
}

/** The report as Markdown. */
export function renderReport(report: BenchReport): string {
  const { machine, measurements: rows } = report;
  const date = machine.date.slice(0, 16).replace('T', ' ');
  const simd = machine.simd.join(', ') || 'no SIMD flags read';
  const lines: string[] = [
    `### \`${report.command}\` — ${date} UTC`,
    '',
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores (${simd}), Node ${machine.node}, ` +
      machine.platform,
    `- Load average (1, 5, 15 min): ${machine.loadStart.join(', ')} at start; ` +
      `${machine.loadEnd.join(', ')} at end`,
    '',
    '| workload | framework | median | runs (min–max) | test acc. ' +
      '| peer time / nabla time | note |',
    '| --- | --- | ---: | --- | ---: | ---: | --- |',
  ];
  const notes: string[] = [];
  for (const m of rows) {
    let note = '';
    if (m.median === null) note = m.note ?? '';
    else if (m.note) {
      if (!notes.includes(m.note)) notes.push(m.note);
      note = `[${notes.indexOf(m.note) + 1}]`;
    }
    const cells = [
      title(m),
      FRAMEWORK_LABELS[m.framework],
      m.median === null ? 'n/a' : `${fmtValue(m, m.median)} ${m.unit === 's/epoch' ? 's' : m.unit}`,
      spread(m),
      m.accuracy && m.accuracy.length > 0 ? `${(median(m.accuracy) * 100).toFixed(1)} %` : '',
      ratioCell(rows, m),
      note,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  notes.forEach((n, i) => lines.push(`[${i + 1}] ${n}  `));
  if (notes.length > 0) lines.push('');
  lines.push('What ran:', '', ...whatRan(rows));
  const targets = renderTargets(rows);
  if (targets.length > 0) lines.push('', ...targets);
  return lines.join('\n');
}

/** The table's first column: `gemm 1024³`, `MLP epoch`, `MLP inference, batch 256`. */
function title(m: Measurement): string {
  if (m.workload === 'gemm') return `gemm ${m.case}`;
  if (m.workload === 'mlp') return 'MLP epoch';
  return `MLP inference, ${m.case}`;
}

function fmtValue(m: Measurement, value: number): string {
  if (m.unit === 'samples/s') return Math.round(value).toLocaleString('en-US');
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(m.unit === 'GFLOP/s' ? 1 : 2);
}

/** `7 (40.1–43.0)`: the number of runs and their range. */
function spread(m: Measurement): string {
  if (m.median === null) return '';
  const lo = fmtValue(m, Math.min(...m.runs));
  const hi = fmtValue(m, Math.max(...m.runs));
  return `${m.runs.length} (${lo}–${hi})`;
}

/** The nabla row each peer is compared with: nabla's default (wasm) backend, same case. */
function baselineOf(rows: Measurement[], m: Measurement): Measurement | undefined {
  return rows.find(
    (r) => r.framework === 'nabla-wasm' && r.workload === m.workload && r.case === m.case,
  );
}

function ratioCell(rows: Measurement[], m: Measurement): string {
  if (m.framework === 'nabla-wasm') return m.median === null ? '' : 'baseline';
  const r = speedRatio(m, baselineOf(rows, m));
  return r === null ? '—' : r.toFixed(2);
}

/** One line per framework: backend, threads, versions; and a warning about a slow BLAS. */
function whatRan(rows: Measurement[]): string[] {
  const seen = new Map<FrameworkId, string>();
  for (const m of rows) {
    if (!m.info || seen.has(m.framework)) continue;
    seen.set(m.framework, m.info.replace(/; \d+ products per round$/, ''));
  }
  const out = [...seen].map(([id, info]) => `- ${FRAMEWORK_LABELS[id]}: ${info}`);
  if (seen.get('torch')?.includes('reference BLAS')) {
    out.push(
      '',
      '**PyTorch ran on the reference (netlib) BLAS**, 10–100× slower than a tuned one, so its ' +
        "numbers here are not representative: install libtorch's recommended BLAS " +
        '(`apt-get install libopenblas0-pthread`) and rerun.',
    );
  }
  return out;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'not met';
}

/** The "must reach" lines, checked against this run. */
function renderTargets(rows: Measurement[]): string[] {
  const find = (fw: FrameworkId, workload: Workload, c: string): Measurement | undefined =>
    rows.find((r) => r.framework === fw && r.workload === workload && r.case === c);
  const out: string[] = [];
  const gemmTf = find('tfjs-wasm', 'gemm', '1024³');
  if (gemmTf) {
    const r = speedRatio(gemmTf, find('nabla-wasm', 'gemm', '1024³'));
    const result = r === null ? 'not measured' : `${r.toFixed(2)}× — ${verdict(r >= 2)}`;
    out.push(`- gemm 1024³ ≥ 2× TF.js wasm's GFLOP/s: ${result}`);
  }
  const epochTf = find('tfjs-wasm', 'mlp', 'epoch');
  const epochNabla = find('nabla-wasm', 'mlp', 'epoch');
  if (epochTf) {
    const r = speedRatio(epochTf, epochNabla);
    let line = `- MLP epoch ≤ 1/6 of TF.js wasm's time: `;
    line += r === null ? 'not measured' : `${r.toFixed(2)}× faster — ${verdict(r >= 6)}`;
    if (r !== null && epochNabla?.accuracy && epochTf.accuracy) {
      const gap = (median(epochNabla.accuracy) - median(epochTf.accuracy)) * 100;
      const signed = `${gap >= 0 ? '+' : ''}${gap.toFixed(1)}`;
      line += `; test accuracy ${signed} points (±1 allowed) — ${verdict(Math.abs(gap) <= 1)}`;
    }
    out.push(line);
  }
  return out.length > 0 ? ['Targets (issue 5), on this run:', '', ...out] : [];
}
