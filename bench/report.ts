/**
 * The benchmark's Markdown report: the machine, one table of medians with each peer's ratio to
 * nabla, what ran in each framework, notes, and the issue's targets checked against the numbers.
 */
import { FRAMEWORK_LABELS, type FrameworkId } from './adapter.js';
import type { MachineInfo } from './machine.js';
import type { Measurement } from './result.js';
import { median } from './stats.js';

/** Everything one run produced; also the JSON written to `bench/out/`. */
export interface BenchReport {
  command: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  measurements: Measurement[];
}

/** The table's first column: `gemm 1024³`, `MLP epoch`, `MLP inference, batch 256`. */
function title(m: Measurement): string {
  if (m.workload === 'gemm') return `gemm ${m.case}`;
  if (m.workload === 'mlp') return 'MLP epoch';
  return `MLP inference, ${m.case}`;
}

/**
 * Peer time / nabla time (> 1: nabla is faster), from medians; for throughputs that is nabla's
 * rate over the peer's. Null when either side is missing.
 */
export function speedRatio(peer: Measurement, nabla: Measurement | undefined): number | null {
  if (!nabla || nabla.median === null || peer.median === null) return null;
  return peer.higherIsBetter ? nabla.median / peer.median : peer.median / nabla.median;
}

function fmtValue(m: Measurement, value: number): string {
  if (m.unit === 'GFLOP/s') return value >= 100 ? value.toFixed(0) : value.toFixed(1);
  if (m.unit === 's/epoch') return value >= 100 ? value.toFixed(0) : value.toFixed(2);
  return Math.round(value).toLocaleString('en-US');
}

function fmtUnit(m: Measurement): string {
  return m.unit === 's/epoch' ? 's' : m.unit;
}

function percent(values: number[] | undefined): string {
  if (!values || values.length === 0) return '';
  return `${(median(values) * 100).toFixed(1)} %`;
}

/** The nabla row each peer is compared with: nabla's default (wasm) backend on the same case. */
function baselineOf(rows: Measurement[], m: Measurement): Measurement | undefined {
  return rows.find((r) => r.framework === 'nabla-wasm' && r.workload === m.workload && r.case === m.case);
}

/** The report as Markdown. */
export function renderReport(report: BenchReport): string {
  const { machine, measurements: rows } = report;
  const lines: string[] = [];
  lines.push(`### \`${report.command}\` — ${machine.date.slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores (${machine.simd.join(', ') || 'no SIMD flags read'}), ` +
      `Node ${machine.node}, ${machine.platform}`,
    `- Load average (1, 5, 15 min): ${machine.loadStart.join(', ')} at start; ` +
      `${machine.loadEnd.join(', ')} at end`,
    '',
  );
  const notes: string[] = [];
  lines.push('| workload | framework | median | runs (min–max) | test acc. | peer time / nabla time | note |');
  lines.push('| --- | --- | ---: | --- | ---: | ---: | --- |');
  for (const m of rows) {
    let value = 'n/a';
    let spread = '';
    if (m.median !== null) {
      value = `${fmtValue(m, m.median)} ${fmtUnit(m)}`;
      const lo = Math.min(...m.runs);
      const hi = Math.max(...m.runs);
      spread = `${m.runs.length} (${fmtValue(m, lo)}–${fmtValue(m, hi)})`;
    }
    let ratio = '';
    if (m.framework === 'nabla-wasm') ratio = m.median === null ? '' : 'baseline';
    else {
      const r = speedRatio(m, baselineOf(rows, m));
      ratio = r === null ? '—' : `${r.toFixed(2)}`;
    }
    let note = '';
    if (m.median === null) note = m.note ?? '';
    else if (m.note) {
      if (!notes.includes(m.note)) notes.push(m.note);
      note = `[${notes.indexOf(m.note) + 1}]`;
    }
    lines.push(
      `| ${title(m)} | ${FRAMEWORK_LABELS[m.framework]} | ${value} | ${spread} | ${percent(m.accuracy)} | ${ratio} | ${note} |`,
    );
  }
  lines.push('');
  notes.forEach((n, i) => lines.push(`[${i + 1}] ${n}  `));
  if (notes.length > 0) lines.push('');
  lines.push('What ran:', '');
  const seen = new Map<FrameworkId, string>();
  for (const m of rows) {
    if (m.info && !seen.has(m.framework)) seen.set(m.framework, m.info.replace(/; \d+ products per round$/, ''));
  }
  for (const [id, info] of seen) lines.push(`- ${FRAMEWORK_LABELS[id]}: ${info}`);
  if (seen.get('torch')?.includes('reference BLAS')) {
    lines.push(
      '',
      '**PyTorch ran on the reference (netlib) BLAS**, which is 10–100× slower than a tuned one: ' +
        'its numbers here are not representative. Install libtorch\'s recommended BLAS ' +
        '(`apt-get install libopenblas0-pthread`) and rerun.',
    );
  }
  const targets = renderTargets(rows);
  if (targets.length > 0) lines.push('', ...targets);
  return lines.join('\n');
}

/** The issue's "must reach" lines, checked against this run. */
function renderTargets(rows: Measurement[]): string[] {
  const find = (fw: FrameworkId, workload: Measurement['workload'], c: string): Measurement | undefined =>
    rows.find((r) => r.framework === fw && r.workload === workload && r.case === c);
  const out: string[] = ['Targets (issue 5, on this run):', ''];
  const gemmNabla = find('nabla-wasm', 'gemm', '1024³');
  const gemmTf = find('tfjs-wasm', 'gemm', '1024³');
  if (gemmTf) {
    const r = speedRatio(gemmTf, gemmNabla);
    out.push(`- gemm 1024³ ≥ 2× TF.js wasm: ${r === null ? 'not measured' : `${r.toFixed(2)}× — ${r >= 2 ? 'met' : 'not met'}`}`);
  }
  const epochNabla = find('nabla-wasm', 'mlp', 'epoch');
  const epochTf = find('tfjs-wasm', 'mlp', 'epoch');
  if (epochTf) {
    const r = speedRatio(epochTf, epochNabla);
    let line = `- MLP epoch ≤ 1/6 of TF.js wasm's time: ${r === null ? 'not measured' : `${r.toFixed(2)}× — ${r >= 6 ? 'met' : 'not met'}`}`;
    if (r !== null && epochNabla?.accuracy && epochTf.accuracy) {
      const gap = (median(epochNabla.accuracy) - median(epochTf.accuracy)) * 100;
      line += `; accuracy ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points (±1 allowed) — ${Math.abs(gap) <= 1 ? 'met' : 'not met'}`;
    }
    out.push(line);
  }
  return out.length > 2 ? out : [];
}
