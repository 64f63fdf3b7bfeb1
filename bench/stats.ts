/** Small numeric helpers of the benchmark: medians and repeated timing. */

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export function now(): number {
  return performance.now();
}

/**
 * How many calls of `run` make one timed round last about `targetMs`, measured after `run` has
 * been called once as a warm-up (JIT, first-use allocations, worker start-up).
 */
export async function calibrate(run: () => unknown, targetMs: number): Promise<number> {
  await run();
  let calls = 1;
  for (;;) {
    const start = now();
    for (let i = 0; i < calls; i++) await run();
    const elapsed = now() - start;
    if (elapsed >= targetMs / 4 || calls >= 1 << 16) {
      return Math.max(1, Math.round((calls * targetMs) / Math.max(elapsed, 1e-3)));
    }
    calls *= 4;
  }
}

/**
 * Times `rounds` rounds of `calls` calls of `run`; returns the milliseconds per call of each.
 * `endRound` runs inside the timing, after each round's calls (to wait for work in flight).
 */
export async function timeRounds(
  run: () => unknown,
  calls: number,
  rounds: number,
  endRound?: () => unknown,
): Promise<number[]> {
  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = now();
    for (let i = 0; i < calls; i++) await run();
    await endRound?.();
    perCall.push((now() - start) / calls);
  }
  return perCall;
}
