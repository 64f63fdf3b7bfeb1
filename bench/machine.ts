/** What the benchmark ran on: CPU, cores, Node, and the load around the run. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';

/** The machine, as recorded in the report. */
export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs the OS offers this process. */
  cores: number;
  /** SIMD extensions the CPU advertises that matter here (avx2, avx512f, fma). */
  simd: string[];
  node: string;
  platform: string;
  /** 1-, 5- and 15-minute load averages when the run started. */
  loadStart: number[];
  /** The same when it ended (filled in by the runner). */
  loadEnd: number[];
  date: string;
}

/** Reads `/proc/cpuinfo` where it exists, `os.cpus()` otherwise. */
export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  let simd: string[] = [];
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info);
    if (model) cpuModel = model[1]!.trim();
    const flags = new Set((/^flags\s*:\s*(.+)$/m.exec(info)?.[1] ?? '').split(/\s+/));
    simd = ['sse4_2', 'avx2', 'fma', 'avx512f', 'avx512_vnni'].filter((f) => flags.has(f));
  } catch {
    // Not Linux: os.cpus() is the best there is.
  }
  return {
    cpuModel,
    cores: availableParallelism(),
    simd,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadStart: roundLoad(loadavg()),
    loadEnd: [],
    date: new Date().toISOString(),
  };
}

/** The load averages, to two decimals. */
export function currentLoad(): number[] {
  return roundLoad(loadavg());
}

function roundLoad(values: number[]): number[] {
  return values.map((v) => Math.round(v * 100) / 100);
}
