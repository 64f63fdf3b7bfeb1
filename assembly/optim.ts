// Fused optimizer updates over f32 buffers, in place, one pass over memory per step.

/**
 * Elements `[lo, hi)` of an Adam step: `m = b1·m + (1-b1)·g; v = b2·v + (1-b2)·g²;
 * p -= lr·m / (sqrt(v) + eps)`, with `lr` already holding the bias corrections.
 */
export function adamF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: f32,
  b1: f32,
  b2: f32,
  eps: f32,
): void {
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vc1 = f32x4.splat(1 - b1);
  const vc2 = f32x4.splat(1 - b2);
  const vlr = f32x4.splat(lr);
  const veps = f32x4.splat(eps);
  let i = lo;
  for (; i + 4 <= hi; i += 4) {
    const at = <usize>i << 2;
    const gi = v128.load(g + at);
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(m + at)), f32x4.mul(vc1, gi));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + at)), f32x4.mul(vc2, f32x4.mul(gi, gi)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const step = f32x4.div(f32x4.mul(vlr, mi), f32x4.add(f32x4.sqrt(vi), veps));
    v128.store(p + at, f32x4.sub(v128.load(p + at), step));
  }
  for (; i < hi; i++) {
    const at = <usize>i << 2;
    const gi = load<f32>(g + at);
    const mi = b1 * load<f32>(m + at) + (1 - b1) * gi;
    const vi = b2 * load<f32>(v + at) + (1 - b2) * (gi * gi);
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(p + at, load<f32>(p + at) - (lr * mi) / (sqrt<f32>(vi) + eps));
  }
}

/**
 * Elements `[lo, hi)` of an SGD step in the Keras formulation. Without momentum `p -= lr·g` and
 * `vel` is unused; with it `vel = momentum·vel - lr·g`, then `p += vel`, or with Nesterov
 * `p += momentum·vel - lr·g`.
 */
export function sgdF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  p: usize,
  g: usize,
  vel: usize,
  lr: f32,
  momentum: f32,
  nesterov: i32,
): void {
  const vlr = f32x4.splat(lr);
  const vmom = f32x4.splat(momentum);
  let i = lo;
  if (momentum == 0) {
    for (; i + 4 <= hi; i += 4) {
      const at = <usize>i << 2;
      v128.store(p + at, f32x4.sub(v128.load(p + at), f32x4.mul(vlr, v128.load(g + at))));
    }
    for (; i < hi; i++) {
      const at = <usize>i << 2;
      store<f32>(p + at, load<f32>(p + at) - lr * load<f32>(g + at));
    }
    return;
  }
  for (; i + 4 <= hi; i += 4) {
    const at = <usize>i << 2;
    const step = f32x4.mul(vlr, v128.load(g + at));
    const vi = f32x4.sub(f32x4.mul(vmom, v128.load(vel + at)), step);
    v128.store(vel + at, vi);
    const delta = nesterov ? f32x4.sub(f32x4.mul(vmom, vi), step) : vi;
    v128.store(p + at, f32x4.add(v128.load(p + at), delta));
  }
  for (; i < hi; i++) {
    const at = <usize>i << 2;
    const step = lr * load<f32>(g + at);
    const vi = momentum * load<f32>(vel + at) - step;
    store<f32>(vel + at, vi);
    const delta = nesterov ? momentum * vi - step : vi;
    store<f32>(p + at, load<f32>(p + at) + delta);
  }
}
