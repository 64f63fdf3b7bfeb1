/**
 * TensorFlow.js 4.22 in Node, on its pure-JavaScript `cpu` backend or its `wasm` backend
 * (XNNPACK with SIMD; single-threaded in Node, where it has no worker threads). The model is the
 * Keras-equivalent of the benchmark MLP; tfjs-node (native TensorFlow) is deliberately not used,
 * since the comparison is between libraries that install without a native binary.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NotAvailable, type Adapter, type GemmCase, type MlpModel } from '../adapter.js';
import { MLP_SIZES, seededRandom, type MlpWeights } from '../fixture.js';

/** Selects the tfjs backend and returns an adapter for it. */
export async function tfjsAdapter(backend: 'cpu' | 'wasm'): Promise<Adapter> {
  // Production mode skips debug checks and the "install tfjs-node" notices.
  tf.enableProdMode();
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    setWasmPaths(join(dirname(pkg), 'dist') + '/');
  }
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) {
    throw new NotAvailable(`tf.setBackend('${backend}') failed (active: ${tf.getBackend()})`);
  }
  let info = `tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`;
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info += `, SIMD ${simd ? 'on' : 'off'}, ${getThreadsCount()} thread(s)`;
  }
  return {
    id: backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm',
    describe: () => info,
    gemm: async (n) => tfjsGemm(n),
    mlp: async (weights) => tfjsMlp(weights),
  };
}

function tfjsGemm(n: number): GemmCase {
  const random = seededRandom(7);
  const values = (): Float32Array => Float32Array.from({ length: n * n }, () => random() - 0.5);
  const a = tf.tensor2d(values(), [n, n]);
  const b = tf.tensor2d(values(), [n, n]);
  return {
    // The cpu and wasm backends compute when the op is called, so nothing is left in flight.
    run: () => tf.matMul(a, b).dispose(),
    dispose: () => tf.dispose([a, b]),
  };
}

function tfjsMlp(weights: MlpWeights): MlpModel {
  const { inputs, hidden, classes } = MLP_SIZES;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [inputs] }),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7),
    loss: 'categoricalCrossentropy',
  });
  const initial = [
    tf.tensor2d(weights.w1, [inputs, hidden]),
    tf.tensor1d(weights.b1),
    tf.tensor2d(weights.w2, [hidden, classes]),
    tf.tensor1d(weights.b2),
  ];
  model.setWeights(initial);
  tf.dispose(initial);
  let train: [tf.Tensor, tf.Tensor] | undefined;
  let test: tf.Tensor | undefined;
  return {
    setTrainData(x, yOneHot, count) {
      if (train) tf.dispose(train);
      train = [tf.tensor2d(x, [count, inputs]), tf.tensor2d(yOneHot, [count, classes])];
    },
    async fitEpoch() {
      if (!train) throw new Error('setTrainData first');
      await model.fit(train[0], train[1], { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
    },
    setPredictData(x, count) {
      test?.dispose();
      test = tf.tensor2d(x, [count, inputs]);
    },
    async predict(batchSize) {
      if (!test) throw new Error('setPredictData first');
      const probs = model.predict(test, { batchSize }) as tf.Tensor;
      const values = (await probs.data()) as Float32Array;
      probs.dispose();
      return values;
    },
    dispose() {
      if (train) tf.dispose(train);
      test?.dispose();
      model.optimizer.dispose();
      model.dispose();
    },
  };
}
