/**
 * `npm run bench [-- --quick] [-- --only gemm|mlp|infer] [-- --frameworks a,b]`: nabla side by
 * side with TensorFlow.js (cpu and wasm backends) and PyTorch, on the workloads of issue 5.
 * Each framework runs each workload in a fresh process; the runner prints a Markdown report on
 * stdout (progress goes to stderr) and writes the JSON to `bench/out/`. See BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FRAMEWORK_LABELS, type FrameworkId } from './adapter.js';
import { loadFashion, mlpWeights, writeOrder, writeWeights } from './fixture.js';
import { gemmCaseName } from './gemm.js';
import { currentLoad, machineInfo } from './machine.js';
import { INFER_BATCH } from './mlp-inference.js';
import { EPOCH_SAMPLES, subsetNote } from './mlp.js';
import { torchCommand, torchUnavailable } from './peers/torch.js';
import { renderReport, type BenchReport } from './report.js';
import { notAvailable, type Job, type Measurement, type Workload } from './result.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT = join(HERE, 'out');
const ALL_WORKLOADS: Workload[] = ['gemm', 'mlp', 'infer'];
const ALL_FRAMEWORKS: FrameworkId[] = ['nabla-wasm', 'nabla-cpu', 'tfjs-wasm', 'tfjs-cpu', 'torch'];
/** Frameworks too slow for a full epoch in a benchmark run: they train on a subset. */
const SLOW: FrameworkId[] = ['nabla-cpu', 'tfjs-cpu'];

interface Options {
  quick: boolean;
  only: Workload[];
  frameworks: FrameworkId[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, only: ALL_WORKLOADS, frameworks: ALL_FRAMEWORKS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string[] => (argv[++i] ?? '').split(',').filter((s) => s !== '');
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only') options.only = checked(value(), ALL_WORKLOADS, '--only');
    else if (arg === '--frameworks') {
      options.frameworks = checked(value(), ALL_FRAMEWORKS, '--frameworks');
    }
    else if (arg === '--help' || arg === '-h') {
      console.log('npm run bench -- [--quick] [--only gemm|mlp|infer[,…]] [--frameworks ' +
        `${ALL_FRAMEWORKS.join(',')}]`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return options;
}

function checked<T extends string>(values: string[], allowed: readonly T[], flag: string): T[] {
  for (const v of values) {
    if (!allowed.includes(v as T)) {
      throw new Error(`${flag}: '${v}' is not one of ${allowed.join(', ')}`);
    }
  }
  if (values.length === 0) throw new Error(`${flag} needs a value`);
  return values as T[];
}

/** The jobs of one workload, one per framework, with the run counts of the mode. */
function jobsFor(workload: Workload, options: Options, fixtureDir: string, dataDir: string): Job[] {
  const q = options.quick;
  return options.frameworks.map((framework) => {
    const slow = SLOW.includes(framework);
    let epochSamples = EPOCH_SAMPLES;
    if (q) epochSamples = slow ? 5_000 : 10_000;
    else if (slow) epochSamples = 10_000;
    return {
      workload,
      framework,
      // The reference backend is a plain-JS oracle: 256³ says enough about it.
      gemmSizes: framework === 'nabla-cpu' ? [256] : [256, 1024],
      rounds: q ? 3 : 7,
      roundMs: q ? 150 : 400,
      epochRuns: q ? 1 : 3,
      epochSamples,
      fixtureDir,
      dataDir,
      resultPath: join(fixtureDir, `result-${workload}-${framework}.json`),
    };
  });
}

/** Runs one job in its own process; a crash becomes "n/a" rows with its last error line. */
async function runJob(job: Job): Promise<Measurement[]> {
  const jobPath = join(job.fixtureDir, `job-${job.workload}-${job.framework}.json`);
  writeFileSync(jobPath, JSON.stringify(job));
  let command = process.execPath;
  let args = ['--import', 'tsx', join(HERE, 'child.ts'), jobPath];
  let env: NodeJS.ProcessEnv = process.env;
  if (job.framework === 'torch') {
    const reason = torchUnavailable();
    if (reason !== null) return unavailable(job, reason);
    ({ command, args, env } = torchCommand(jobPath));
  }
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('close', resolve);
  });
  const log = output.join('');
  if (code === 0 && existsSync(job.resultPath)) {
    if (/error/i.test(log)) process.stderr.write(indent(log));
    return JSON.parse(readFileSync(job.resultPath, 'utf8')) as Measurement[];
  }
  process.stderr.write(indent(log));
  const last = log.trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
  return unavailable(job, `crashed (exit ${code}): ${last}`);
}

function unavailable(job: Job, reason: string): Measurement[] {
  if (job.workload === 'gemm') {
    return job.gemmSizes.map((n) => notAvailable(job, gemmCaseName(n), 'GFLOP/s', reason));
  }
  if (job.workload === 'mlp') return [notAvailable(job, 'epoch', 's/epoch', reason)];
  return [notAvailable(job, `batch ${INFER_BATCH}`, 'samples/s', reason)];
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n') + '\n';
}

function progress(m: Measurement): string {
  if (m.median === null) return `n/a (${m.note})`;
  const percents = m.accuracy?.map((a) => (a * 100).toFixed(1)).join('/');
  const acc = percents === undefined ? '' : `, test accuracy ${percents} %`;
  return `${m.case}: ${m.runs.map((v) => v.toPrecision(4)).join(', ')} ${m.unit}${acc}`;
}

const options = parseArgs(process.argv.slice(2));
const machine = machineInfo();
/** Environment variables that change what runs, shown as part of the command. */
const RELEVANT_ENV = [
  'NABLA_BACKEND',
  'BENCH_PYTHON',
  'BENCH_TORCH_THREADS',
  'LD_LIBRARY_PATH',
  'NABLA_DATA',
];
const envPrefix = RELEVANT_ENV.filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `);
const extra = process.argv.slice(2).join(' ');
const command = envPrefix.join('') + (extra === '' ? 'npm run bench' : `npm run bench -- ${extra}`);
process.stderr.write(
  `${command}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ` +
    `load ${machine.loadStart.join(' ')}\n`,
);

const stamp = machine.date.replace(/[:.]/g, '-');
const fixtureDir = join(OUT, `run-${stamp}`);
mkdirSync(fixtureDir, { recursive: true });
writeWeights(fixtureDir, mlpWeights());
const epochRuns = options.quick ? 1 : 3;
for (let run = 0; run < epochRuns; run++) writeOrder(fixtureDir, run, EPOCH_SAMPLES);
let dataDir = '';
if (options.only.some((w) => w !== 'gemm')) dataDir = (await loadFashion()).dir;

const measurements: Measurement[] = [];
for (const workload of ALL_WORKLOADS.filter((w) => options.only.includes(w))) {
  for (const job of jobsFor(workload, options, fixtureDir, dataDir)) {
    const label = `${workload} · ${FRAMEWORK_LABELS[job.framework]}`;
    const subset = job.workload === 'mlp' && job.epochSamples < EPOCH_SAMPLES;
    process.stderr.write(`${label}${subset ? ` (${subsetNote(job.epochSamples)})` : ''} …\n`);
    const rows = await runJob(job);
    for (const m of rows) process.stderr.write(`  ${progress(m)}\n`);
    measurements.push(...rows);
  }
}
machine.loadEnd = currentLoad();
// The fixture (weights, orders, job files) is regenerated on every run.
rmSync(fixtureDir, { recursive: true, force: true });

const report: BenchReport = { command, machine, options: { ...options }, measurements };
const markdown = renderReport(report);
const jsonPath = join(OUT, `bench-${stamp}.json`);
writeFileSync(jsonPath, JSON.stringify(report, null, 2));
writeFileSync(join(OUT, 'latest.json'), JSON.stringify(report, null, 2));
writeFileSync(join(OUT, 'latest.md'), markdown + '\n');
console.log(markdown);
process.stderr.write(`\nwrote ${jsonPath}\n`);
