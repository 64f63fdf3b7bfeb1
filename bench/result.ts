/** What a benchmark job reports back to the runner, and what the runner writes out. */
import type { FrameworkId } from './adapter.js';

/** The workloads `--only` can pick. */
export type Workload = 'gemm' | 'mlp' | 'infer';

/** One framework on one case of a workload. */
export interface Measurement {
  workload: Workload;
  /** The case within the workload: `'256³'`, `'epoch'`, `'batch 256'`. */
  case: string;
  framework: FrameworkId;
  unit: 'GFLOP/s' | 's/epoch' | 'samples/s';
  /** Whether a larger value is better (throughputs) or worse (times). */
  higherIsBetter: boolean;
  /** One value per timed run, in `unit`. Empty when the framework could not run. */
  runs: number[];
  /** Median of `runs`, or null ("n/a"). */
  median: number | null;
  /** MLP epoch: test accuracy after each run. */
  accuracy?: number[];
  /** How it was measured where that differs from the others, or why it is n/a. */
  note?: string;
  /** What actually ran (backend, threads, library versions). */
  info?: string;
}

/** What a child process is asked to do. */
export interface Job {
  workload: Workload;
  framework: FrameworkId;
  /** gemm: matrix sizes. */
  gemmSizes: number[];
  /** gemm and inference: timed rounds after the warm-up. */
  rounds: number;
  /** gemm: target length of one timed round (ms). */
  roundMs: number;
  /** MLP epoch: timed epochs, each from the initial weights. */
  epochRuns: number;
  /** MLP epoch: training samples per epoch (60,000, or a subset whose time is scaled). */
  epochSamples: number;
  /** Folder holding `weights.bin` and `order-<run>.bin`. */
  fixtureDir: string;
  /** Folder holding the Fashion-MNIST IDX files. */
  dataDir: string;
  /** Where the child writes its `Measurement[]` as JSON. */
  resultPath: string;
}

/** A measurement that could not be made. */
export function notAvailable(
  job: Pick<Job, 'workload' | 'framework'>,
  caseName: string,
  unit: Measurement['unit'],
  reason: string,
): Measurement {
  return {
    workload: job.workload,
    case: caseName,
    framework: job.framework,
    unit,
    higherIsBetter: unit !== 's/epoch',
    runs: [],
    median: null,
    note: reason,
  };
}
