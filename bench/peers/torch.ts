/**
 * PyTorch, when `/usr/bin/python3 -c "import torch"` works (Debian's python3-torch): runs
 * `torch_bench.py` with `OPENBLAS_NUM_THREADS=1`, so that OpenBLAS's thread pool and PyTorch's
 * own do not fight over the cores. `BENCH_PYTHON` picks another interpreter and
 * `BENCH_TORCH_THREADS` PyTorch's intra-op threads (default 1; see torch_bench.py).
 */
import { spawnSync } from 'node:child_process';

/** The Python interpreter to use. */
export function pythonPath(): string {
  return process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
}

/** Null when PyTorch can be imported, otherwise why not. */
export function torchUnavailable(): string | null {
  const probe = spawnSync(pythonPath(), ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.error) return `${pythonPath()} not found`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').at(-1) ?? '';
    return `${pythonPath()} cannot import torch and numpy (${last}); apt-get install python3-torch`;
  }
  return null;
}

/** The command line and environment that run one PyTorch job. */
export function torchCommand(jobPath: string): {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  return {
    command: pythonPath(),
    args: [new URL('./torch_bench.py', import.meta.url).pathname, jobPath],
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
  };
}
