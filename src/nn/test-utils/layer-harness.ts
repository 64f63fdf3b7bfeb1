/**
 * The layer-test harness: one call checks what every layer must satisfy —
 * (a) the output shape equals `computeOutputShape`, eagerly and symbolically (unknown batch);
 * (b) `getConfig()` → `new Class(config)` gives the same config and, with the weights copied by
 *     `setWeights`, the same outputs;
 * (c) in float64, the gradients of a random projection of the output with respect to the input
 *     and to every trainable weight match central finite differences;
 * and that a call inside `tidy` leaves no tensor behind.
 */
import assert from 'node:assert/strict';
import { isFloat } from '../../core/dtype.js';
import { memory, noGrad, tensor, tidy, type Tensor } from '../../tensor/index.js';
import { rand64 } from '../../tensor/test-utils/gradcheck.js';
import type { CallOptions, Layer, LayerClass } from '../layer.js';
import { input } from '../layers/input-layer.js';
import type { LayerShape, SymbolicTensor } from '../symbolic.js';

/** What to check: a factory, its config and the input shape(s). */
export interface LayerCheck<C> {
  /** The layer factory, e.g. `dense`. */
  make: (config: C) => Layer;
  /** The config; the harness adds `dtype: 'float64'`. */
  config: C;
  /** Concrete input shape(s), batch included: one shape, or a list for merge layers. */
  inputShape: number[] | number[][];
  /** Inputs to use instead of seeded uniform values in [−1, 1) (e.g. int32 token ids). */
  inputs?: Tensor | Tensor[];
  /** Options of every call (default inference: `{}`). */
  callOptions?: CallOptions;
  /** The expected eager output shape(s). */
  expectedOutputShape?: number[] | number[][];
  /** The expected `countParams()`. */
  expectedParams?: number;
  /** Check gradients at all (default true; off for layers with nothing to differentiate). */
  gradients?: boolean;
  /** Differentiate with respect to the inputs (default: when they are float). */
  gradInputs?: boolean;
  /** Whether the config must survive JSON (default true; a Lambda's holds a function). */
  json?: boolean;
  /** Largest allowed `|a − n| / max(1, |a|, |n|)` (default 1e-6). */
  tolerance?: number;
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  seed?: number;
}

/** What the harness measured. */
export interface LayerCheckResult {
  outputShapes: number[][];
  params: number;
  maxGradError: number;
  gradientsChecked: number;
}

const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const isMulti = (s: number[] | number[][]): s is number[][] => Array.isArray(s[0]);

/** Runs every check on the layer built by `spec.make`; throws an assertion error on failure. */
export function checkLayer<C>(spec: LayerCheck<C>): LayerCheckResult {
  const f64 = { ...spec.config, dtype: 'float64' } as C;
  const layer = spec.make(f64);
  const multi = isMulti(spec.inputShape);
  const shapes: number[][] = multi
    ? (spec.inputShape as number[][])
    : [spec.inputShape as number[]];
  const seed = spec.seed ?? 1;
  const xs = spec.inputs ? asList(spec.inputs) : shapes.map((s, i) => rand64(s, seed + i));
  const arg = (list: Tensor[]): Tensor | Tensor[] => (multi ? list : list[0]!);
  const run = (l: Layer, list: Tensor[]): Tensor[] =>
    asList(l.apply(arg(list), spec.callOptions ?? {}) as Tensor | Tensor[]);

  // (a) eager shapes.
  const outputs = noGrad(() => run(layer, xs));
  const outputShapes = outputs.map((o) => o.shape);
  const declared = layer.computeOutputShape(multi ? shapes : shapes[0]!);
  assert.deepEqual(
    outputShapes,
    isMulti(declared as number[][]) ? declared : [declared],
    `${layer.name}: eager output shape vs computeOutputShape`,
  );
  if (spec.expectedOutputShape) {
    const expected = spec.expectedOutputShape;
    assert.deepEqual(
      outputShapes,
      isMulti(expected) ? expected : [expected],
      `${layer.name}: expected output shape`,
    );
  }
  for (const o of outputs) {
    if (isFloat(o.dtype))
      assert.equal(
        o.dtype,
        'float64',
        `${layer.name}: output dtype with float64 weights and inputs`,
      );
  }
  for (const w of layer.weights)
    assert.equal(
      w.value.dtype,
      isFloat(w.value.dtype) ? 'float64' : w.value.dtype,
      `${layer.name}: weight ${w.name} honours dtype`,
    );
  if (spec.expectedParams !== undefined)
    assert.equal(layer.countParams(), spec.expectedParams, `${layer.name}: countParams`);

  // (a) symbolic shapes: a fresh layer built from shapes with an unknown batch.
  const fresh = spec.make(f64);
  const placeholders = xs.map((x) =>
    input({ batchShape: [null, ...x.shape.slice(1)], dtype: x.dtype }),
  );
  const symbolic = asList(
    fresh.apply(multi ? placeholders : placeholders[0]!) as SymbolicTensor | SymbolicTensor[],
  );
  assert.equal(symbolic.length, outputShapes.length, `${layer.name}: number of symbolic outputs`);
  symbolic.forEach((s, i) => {
    assert.equal(s.shape[0], null, `${layer.name}: symbolic output keeps the batch unknown`);
    assert.ok(
      compatible(s.shape, outputShapes[i]!),
      `${layer.name}: symbolic shape [${s.shape}] vs eager [${outputShapes[i]}]`,
    );
    assert.equal(s.node?.layer, fresh);
  });
  assert.deepEqual(
    noGrad(() => run(fresh, xs)).map((o) => o.shape),
    outputShapes,
    `${layer.name}: built symbolically, then called`,
  );

  // (b) config round trip, then identical outputs with copied weights.
  const config = layer.getConfig();
  const stored = spec.json === false ? config : JSON.parse(JSON.stringify(config));
  const Class = layer.constructor as LayerClass & { fromConfig(c: Record<string, unknown>): Layer };
  const clone = Class.fromConfig(stored);
  assert.equal(clone.className, layer.className);
  assert.deepEqual(
    clone.getConfig(),
    config,
    `${layer.name}: getConfig after new Class(getConfig())`,
  );
  noGrad(() => run(clone, xs));
  clone.setWeights(layer.getWeights());
  assert.equal(clone.countParams(), layer.countParams());
  const again = noGrad(() => run(clone, xs));
  outputs.forEach((o, i) =>
    assert.deepEqual(
      again[i]!.dataSync(),
      o.dataSync(),
      `${layer.name}: outputs after the round trip`,
    ),
  );

  // No tensor outlives a call inside tidy.
  const live = memory().numTensors;
  tidy(() => {
    run(layer, xs);
  });
  assert.equal(memory().numTensors, live, `${layer.name}: tensors left behind by a call in tidy`);

  let maxGradError = 0;
  let gradientsChecked = 0;
  if (spec.gradients !== false) {
    ({ maxGradError, gradientsChecked } = checkGradients(layer, xs, run, spec));
  }
  return { outputShapes, params: layer.countParams(), maxGradError, gradientsChecked };
}

function compatible(symbolic: LayerShape, concrete: readonly number[]): boolean {
  return (
    symbolic.length === concrete.length && symbolic.every((d, i) => d === null || d === concrete[i])
  );
}

function checkGradients<C>(
  layer: Layer,
  xs: Tensor[],
  run: (l: Layer, list: Tensor[]) => Tensor[],
  spec: LayerCheck<C>,
): { maxGradError: number; gradientsChecked: number } {
  const eps = spec.eps ?? 1e-6;
  const tolerance = spec.tolerance ?? 1e-6;
  const withInputs = spec.gradInputs ?? xs.every((x) => isFloat(x.dtype));
  const outShapes = noGrad(() => tidy(() => run(layer, xs).map((o) => o.shape)));
  const projections = outShapes.map((s, i) => rand64(s, 1000 + i));
  const objective = (list: Tensor[]): Tensor =>
    run(layer, list).reduce<Tensor | null>((acc, o, i) => {
      const term = o.mul(projections[i]!).sum();
      return acc ? acc.add(term) : term;
    }, null)!;

  const weights = layer.trainableWeights.map((w) => w.value);
  const leaves = xs.map((x) => (withInputs ? x.detach().requireGrad() : x));
  for (const w of weights) w.zeroGrad();
  tidy(() => objective(leaves).backward());

  let maxGradError = 0;
  let gradientsChecked = 0;
  const compare = (
    what: string,
    analytic: ArrayLike<number>,
    numeric: (j: number) => number,
  ): void => {
    for (let j = 0; j < analytic.length; j++) {
      const a = analytic[j]!;
      const n = numeric(j);
      const error = Math.abs(a - n) / Math.max(1, Math.abs(a), Math.abs(n));
      assert.ok(
        error <= tolerance,
        `${layer.name}: gradient of ${what}[${j}]: analytic ${a}, numeric ${n}`,
      );
      maxGradError = Math.max(maxGradError, error);
      gradientsChecked++;
    }
  };
  const evaluate = (list: Tensor[]): number => noGrad(() => tidy(() => objective(list).item()));
  const central = (at: (delta: number) => number): number => (at(eps) - at(-eps)) / (2 * eps);

  if (withInputs) {
    leaves.forEach((leaf, i) => {
      const base = xs[i]!.dataSync();
      const analytic = leaf.grad ? leaf.grad.dataSync() : new Float64Array(leaf.size);
      compare(`input ${i}`, analytic, (j) =>
        central((delta) => {
          const bumped = Float64Array.from(base);
          bumped[j]! += delta;
          const list = xs.map((x, k) => (k === i ? tensor(bumped, { shape: x.shape }) : x));
          return evaluate(list);
        }),
      );
      leaf.dispose();
    });
  }
  for (const w of layer.trainableWeights) {
    const value = w.value;
    const base = value.dataSync();
    const analytic = value.grad ? value.grad.dataSync() : new Float64Array(value.size);
    const setTo = (data: Float64Array): void =>
      tidy(() => void value.assign(tensor(data, { shape: value.shape })));
    compare(`weight ${w.name}`, analytic, (j) =>
      central((delta) => {
        const bumped = Float64Array.from(base);
        bumped[j]! += delta;
        setTo(bumped);
        return evaluate(xs);
      }),
    );
    setTo(Float64Array.from(base));
    value.zeroGrad();
  }
  for (const p of projections) p.dispose();
  return { maxGradError, gradientsChecked };
}
