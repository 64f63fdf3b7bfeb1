// Fused dense-layer epilogues: `out = act(x + bias)` over rows, and in backward the activation's
// gradient together with the bias gradient, one pass each instead of three ops.

/** Activation codes, mirrored by `ACTIVATION_CODES` in src/backends/wasm/opcodes.ts. */
const ACT_LINEAR = 0;
const ACT_RELU = 1;

/**
 * Rows `[lo, hi)` of `out = act(x + bias)`, `x` and `out` `[rows, cols]` (they may alias), bias
 * `[cols]`. ReLU is `pmax(0, v)` like the unary kernel, so NaN maps to 0.
 */
export function biasActF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  x: usize,
  bias: usize,
  out: usize,
  cols: i32,
  act: i32,
): void {
  const rowBytes = <usize>cols << 2;
  const tail = cols & ~3;
  const zero = f32x4.splat(0);
  for (let r = lo; r < hi; r++) {
    const src = x + <usize>r * rowBytes;
    const dst = out + <usize>r * rowBytes;
    if (act == ACT_RELU) {
      for (let j = 0; j < tail; j += 4) {
        const at = <usize>j << 2;
        const v = f32x4.add(v128.load(src + at), v128.load(bias + at));
        v128.store(dst + at, f32x4.pmax(zero, v));
      }
      for (let j = tail; j < cols; j++) {
        const at = <usize>j << 2;
        const v = load<f32>(src + at) + load<f32>(bias + at);
        store<f32>(dst + at, 0 < v ? v : 0);
      }
    } else {
      for (let j = 0; j < tail; j += 4) {
        const at = <usize>j << 2;
        v128.store(dst + at, f32x4.add(v128.load(src + at), v128.load(bias + at)));
      }
      for (let j = tail; j < cols; j++) {
        const at = <usize>j << 2;
        store<f32>(dst + at, load<f32>(src + at) + load<f32>(bias + at));
      }
    }
  }
}

/**
 * The backward of `biasActF32` over all `rows` (one thread: the bias gradient sums over rows, in
 * row order like the `sum` reduction). `dz = g ⊙ act'(y)` from the output `y` (ReLU: `y > 0`;
 * not written for linear, where `dz` is `g`), and `dbias[j] = Σ_r dz[r, j]` unless `dbias` is 0.
 */
export function biasActGradF32(
  g: usize,
  y: usize,
  dz: usize,
  dbias: usize,
  rows: i32,
  cols: i32,
  act: i32,
): void {
  const rowBytes = <usize>cols << 2;
  const tail = cols & ~3;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  if (dbias != 0) memory.fill(dbias, 0, rowBytes);
  for (let r = 0; r < rows; r++) {
    const at0 = <usize>r * rowBytes;
    for (let j = 0; j < tail; j += 4) {
      const at = at0 + (<usize>j << 2);
      let d = v128.load(g + at);
      if (act == ACT_RELU) {
        d = f32x4.mul(d, v128.and(f32x4.gt(v128.load(y + at), zero), one));
        v128.store(dz + at, d);
      }
      if (dbias != 0) {
        const bt = dbias + (<usize>j << 2);
        v128.store(bt, f32x4.add(v128.load(bt), d));
      }
    }
    for (let j = tail; j < cols; j++) {
      const at = at0 + (<usize>j << 2);
      let d = load<f32>(g + at);
      if (act == ACT_RELU) {
        d = d * (load<f32>(y + at) > 0 ? <f32>1 : <f32>0);
        store<f32>(dz + at, d);
      }
      if (dbias != 0) {
        const bt = dbias + (<usize>j << 2);
        store<f32>(bt, load<f32>(bt) + d);
      }
    }
  }
}

/** Rows `[lo, hi)` of the softmax backward `dx = y ⊙ (g − Σ_j g_j·y_j)`, all `[rows, cols]`. */
export function softmaxGradF32(
  lo: i32,
  hi: i32,
  scratch: usize,
  g: usize,
  y: usize,
  dx: usize,
  cols: i32,
): void {
  const rowBytes = <usize>cols << 2;
  for (let r = lo; r < hi; r++) {
    const at0 = <usize>r * rowBytes;
    let dot: f32 = 0;
    for (let j = 0; j < cols; j++) {
      const at = at0 + (<usize>j << 2);
      dot += load<f32>(g + at) * load<f32>(y + at);
    }
    for (let j = 0; j < cols; j++) {
      const at = at0 + (<usize>j << 2);
      store<f32>(dx + at, load<f32>(y + at) * (load<f32>(g + at) - dot));
    }
  }
}
