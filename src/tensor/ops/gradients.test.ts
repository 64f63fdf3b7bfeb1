/**
 * Finite-difference gradient checks (float64) for every differentiable tensor op.
 * The table printed at the end lists each op and its largest error.
 */
import { after, describe, it } from 'node:test';
import * as nb from '../index.js';
import { gradcheck, gradcheckLog, rand64 } from '../test-utils/gradcheck.js';
import type { Tensor } from '../tensor.js';

// Inputs away from kinks (|x| ≥ 0.1) so central differences are valid for relu & co.
const awayFromZero = (shape: number[], seed: number): Tensor =>
  nb.tidy(() => {
    const x = rand64(shape, seed);
    return x.add(x.sign().mul(0.1));
  });
const positive = (shape: number[], seed: number): Tensor => rand64(shape, seed, 0.5, 2);

describe('gradients of unary ops', () => {
  const cases: [string, (x: Tensor) => Tensor, (shape: number[], seed: number) => Tensor][] = [
    ['neg', nb.neg, rand64],
    ['abs', nb.abs, awayFromZero],
    ['sqrt', nb.sqrt, positive],
    ['rsqrt', nb.rsqrt, positive],
    ['exp', nb.exp, rand64],
    ['expm1', nb.expm1, rand64],
    ['log', nb.log, positive],
    ['log1p', nb.log1p, positive],
    ['sin', nb.sin, rand64],
    ['cos', nb.cos, rand64],
    ['tanh', nb.tanh, rand64],
    ['sigmoid', nb.sigmoid, rand64],
    ['relu', nb.relu, awayFromZero],
    ['square', nb.square, rand64],
    ['reciprocal', nb.reciprocal, positive],
    ['erf', nb.erf, rand64],
    ['clip', (x) => nb.clip(x, -0.5, 0.5), awayFromZero],
    ['relu6', (x) => nb.relu6(x.mul(8)), awayFromZero],
    ['leakyRelu', (x) => nb.leakyRelu(x, 0.01), awayFromZero],
    ['elu', (x) => nb.elu(x, 1.5), awayFromZero],
    ['selu', nb.selu, awayFromZero],
    ['gelu', (x) => nb.gelu(x), rand64],
    ['gelu(approximate)', (x) => nb.gelu(x, true), rand64],
    ['silu', nb.silu, rand64],
    ['softplus', nb.softplus, awayFromZero],
    ['softsign', nb.softsign, awayFromZero],
    ['hardSigmoid', (x) => nb.hardSigmoid(x.mul(4)), awayFromZero],
    ['mish', nb.mish, rand64],
    ['cast(float64→float64)', (x) => nb.cast(x, 'float64'), rand64],
    ['clone', nb.clone, rand64],
  ];
  for (const [name, f, make] of cases) {
    it(name, () => {
      gradcheck(name, f, [make([3, 4], 11)]);
    });
  }
});

describe('gradients of binary ops (with broadcasting)', () => {
  const cases: [string, (a: Tensor, b: Tensor | number) => Tensor, boolean][] = [
    ['add', nb.add, false],
    ['sub', nb.sub, false],
    ['mul', nb.mul, false],
    ['div', nb.div, true],
    ['pow', nb.pow, true],
    ['maximum', nb.maximum, false],
    ['minimum', nb.minimum, false],
    ['mod', nb.mod, true],
  ];
  for (const [name, f, positiveOnly] of cases) {
    it(name, () => {
      const a = positiveOnly ? positive([2, 3, 4], 1) : rand64([2, 3, 4], 1);
      const b = positiveOnly ? positive([3, 1], 2) : rand64([3, 1], 2);
      gradcheck(`${name}`, f, [a, b]);
      gradcheck(`${name}(scalar rhs)`, (x) => f(x, positiveOnly ? 1.3 : 0.3), [a]);
    });
  }
  it('where', () => {
    const cond = nb.tensor([[true, false, true], [false, false, true]]);
    gradcheck('where', (a, b) => nb.where(cond, a, b), [rand64([2, 3], 3), rand64([3], 4)]);
  });
});

describe('gradients of reductions', () => {
  const x = rand64([2, 3, 4], 5);
  const cases: [string, (t: Tensor) => Tensor][] = [
    ['sum', (t) => nb.sum(t)],
    ['sum(axis 1, keepDims)', (t) => nb.sum(t, 1, true)],
    ['sum(axes [0,2])', (t) => nb.sum(t, [0, 2])],
    ['mean', (t) => nb.mean(t, [1, 2])],
    ['max', (t) => nb.max(t, 2)],
    ['min', (t) => nb.min(t, [0, 1])],
    ['prod', (t) => nb.prod(t, 1)],
    ['variance', (t) => nb.variance(t, -1)],
    ['std', (t) => nb.std(t, 0)],
    ['logSumExp', (t) => nb.logSumExp(t, 1)],
    ['softmax', (t) => nb.softmax(t, -1)],
    ['softmax(axis 1)', (t) => nb.softmax(t, 1)],
    ['logSoftmax', (t) => nb.logSoftmax(t, -1)],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      gradcheck(name, f, [x]);
    });
  }
});

describe('gradients of matmul', () => {
  it('plain, transposed and batched', () => {
    gradcheck('matmul', (a, b) => nb.matmul(a, b), [rand64([3, 4], 1), rand64([4, 5], 2)]);
    gradcheck('matmul(transposeA)', (a, b) => nb.matmul(a, b, true, false), [rand64([4, 3], 1), rand64([4, 5], 2)]);
    gradcheck('matmul(transposeB)', (a, b) => nb.matmul(a, b, false, true), [rand64([3, 4], 1), rand64([5, 4], 2)]);
    gradcheck('matmul(transposeA, transposeB)', (a, b) => nb.matmul(a, b, true, true), [rand64([4, 3], 1), rand64([5, 4], 2)]);
    gradcheck('matmul(batch broadcast)', (a, b) => nb.matmul(a, b), [rand64([2, 3, 4], 3), rand64([4, 2], 4)]);
    gradcheck('matmul(batch both)', (a, b) => nb.matmul(a, b), [rand64([2, 1, 3, 4], 3), rand64([3, 4, 2], 4)]);
    gradcheck('matmul(vector)', (a, b) => nb.matmul(a, b), [rand64([4], 5), rand64([4, 3], 6)]);
    gradcheck('dot', nb.dot, [rand64([4], 5), rand64([4], 6)]);
  });
});

describe('gradients of shape ops', () => {
  const x = rand64([2, 3, 4], 9);
  const cases: [string, (t: Tensor) => Tensor][] = [
    ['reshape', (t) => nb.reshape(t, [4, -1])],
    ['flatten', (t) => nb.flatten(t, 1)],
    ['transpose', (t) => nb.transpose(t, [2, 0, 1])],
    ['expandDims', (t) => nb.expandDims(t, 1)],
    ['squeeze', (t) => nb.squeeze(nb.expandDims(t, 0))],
    ['slice', (t) => nb.slice(t, [0, 1, -1], [null, 3, 0], [1, 1, -2])],
    ['concat', (t) => nb.concat([t, nb.mul(t, 2)], 1)],
    ['stack', (t) => nb.stack([t, nb.exp(t)], 2)],
    ['split', (t) => nb.mul(nb.split(t, [1, 3], 2)[1]!, 3)],
    ['pad', (t) => nb.pad(t, [[0, 1], [2, 0], [1, 1]], 0.5)],
    ['tile', (t) => nb.tile(t, [2, 1, 2])],
    ['broadcastTo', (t) => nb.broadcastTo(nb.slice(t, [0, 0, 0], [2, 1, 4]), [5, 2, 3, 4])],
    ['gather', (t) => nb.gather(t, [2, 0, 2], 1)],
    ['gather(tensor indices)', (t) => nb.gather(t, nb.tensor([[1, 0], [1, 1]], { dtype: 'int32' }), 0)],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      gradcheck(name, f, [x]);
    });
  }
  it('extractPatches', () => {
    const img = rand64([2, 5, 4, 3], 10);
    const spec = nb.patchSpec('t', img.shape, { kernelSize: [3, 2], strides: [2, 1], padding: 'same', dilation: [1, 2] });
    gradcheck('extractPatches', (t) => nb.extractPatches(t, spec), [img]);
  });
});

after(() => {
  const worst = gradcheckLog.reduce((m, e) => Math.max(m, e.maxError), 0);
  console.log(`# gradcheck: ${gradcheckLog.length} checks, largest error ${worst.toExponential(2)}`);
  for (const e of gradcheckLog) console.log(`#   ${e.op.padEnd(36)} ${e.maxError.toExponential(2)}`);
});
