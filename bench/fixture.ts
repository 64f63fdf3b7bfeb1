/**
 * The inputs every framework shares: Fashion-MNIST as flat arrays, the MLP's initial weights
 * (glorot-uniform from one seed, biases zero) and the per-run training orders (seeded
 * permutations). They are generated once, in the runner, and handed to each framework, so that
 * all of them start from the same weights and see the samples in the same order.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST, loadIdxDataset } from '../src/data/datasets/index.js';

/** Layer sizes of the benchmark MLP: 784 → dense 128 relu → dense 10 softmax. */
export const MLP_SIZES = { inputs: 784, hidden: 128, classes: 10 } as const;

/** Seed of the initial weights. */
export const WEIGHT_SEED = 42;

/** Seed of the training order of run `r` (the same in every framework). */
export function orderSeed(run: number): number {
  return 1000 + run;
}

/** Dense kernels in Keras layout `[in, out]` (row-major), biases `[out]`. */
export interface MlpWeights {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Fashion-MNIST as flat arrays: images `[n, 784]` float32 in [0, 1], labels int32. */
export interface FashionArrays {
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** Folder the IDX files were read from (the PyTorch side reads them there too). */
  dir: string;
}

/** mulberry32: a tiny seeded generator, so the fixture does not depend on any framework. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keras' glorot-uniform: U(-limit, limit) with limit = sqrt(6 / (fanIn + fanOut)). */
function glorotUniform(fanIn: number, fanOut: number, random: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * random() - 1) * limit;
  return w;
}

/** The MLP's initial weights, the same for every framework. */
export function mlpWeights(seed = WEIGHT_SEED): MlpWeights {
  const random = seededRandom(seed);
  const { inputs, hidden, classes } = MLP_SIZES;
  return {
    w1: glorotUniform(inputs, hidden, random),
    b1: new Float32Array(hidden),
    w2: glorotUniform(hidden, classes, random),
    b2: new Float32Array(classes),
  };
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * Reads Fashion-MNIST with nabla's loader: from `dir` if given, otherwise from the usual folders
 * (`$NABLA_DATA`, the cache, Debian's `/usr/share/datasets/fashion-mnist`), downloading only if
 * none has it.
 */
export async function loadFashion(dir?: string): Promise<FashionArrays> {
  const arrays = await loadIdxDataset(FASHION_MNIST, dir === undefined ? {} : { dir });
  const toFloat = (images: Uint8Array): Float32Array => {
    const x = new Float32Array(images.length);
    for (let i = 0; i < x.length; i++) x[i] = images[i]! / 255;
    return x;
  };
  return {
    trainX: toFloat(arrays.train.images),
    trainY: Int32Array.from(arrays.train.labels),
    testX: toFloat(arrays.test.images),
    testY: Int32Array.from(arrays.test.labels),
    dir: arrays.dir,
  };
}

/** The first `count` training samples in the order `perm`: `x [count, 784]`, `y [count]`. */
export function reorder(
  data: FashionArrays,
  perm: Int32Array,
  count: number,
): { x: Float32Array; y: Int32Array } {
  const d = MLP_SIZES.inputs;
  const x = new Float32Array(count * d);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const src = perm[i]!;
    x.set(data.trainX.subarray(src * d, (src + 1) * d), i * d);
    y[i] = data.trainY[src]!;
  }
  return { x, y };
}

/** One-hot rows `[n, classes]` for the categorical cross-entropy. */
export function oneHot(y: Int32Array, classes = MLP_SIZES.classes): Float32Array {
  const out = new Float32Array(y.length * classes);
  for (let i = 0; i < y.length; i++) out[i * classes + y[i]!] = 1;
  return out;
}

/** Fraction of rows of `probs [n, classes]` whose largest entry is at the label. */
export function accuracy(probs: ArrayLike<number>, labels: Int32Array): number {
  const classes = MLP_SIZES.classes;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probs[i * classes + c]! > probs[i * classes + best]!) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

/**
 * Writes the weights (`weights.bin`: w1, b1, w2, b2 as float32, little-endian) for the PyTorch
 * side, which cannot share memory with Node.
 */
export function writeWeights(dir: string, weights: MlpWeights): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'weights.bin');
  const parts = [weights.w1, weights.b1, weights.w2, weights.b2];
  const bytes = parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  writeFileSync(path, Buffer.concat(bytes));
  return path;
}

/** Writes the training order of `run` (`order-<run>.bin`, int32) for the PyTorch side. */
export function writeOrder(dir: string, run: number, count: number): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `order-${run}.bin`);
  const perm = permutation(count, orderSeed(run));
  writeFileSync(path, Buffer.from(perm.buffer, perm.byteOffset, perm.byteLength));
  return path;
}

/** Reads `weights.bin` back (the runner writes it; each child process reads it). */
export function readWeights(path: string): MlpWeights {
  const bytes = readFileSync(path);
  const end = bytes.byteOffset + bytes.byteLength;
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, end));
  const { inputs, hidden, classes } = MLP_SIZES;
  let offset = 0;
  const take = (n: number): Float32Array => all.slice(offset, (offset += n));
  return {
    w1: take(inputs * hidden),
    b1: take(hidden),
    w2: take(hidden * classes),
    b2: take(classes),
  };
}
