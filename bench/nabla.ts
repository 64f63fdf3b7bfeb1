/**
 * nabla itself, through its public API (`src/index.ts`), on the backend the job names: `wasm`
 * (the default) or `cpu` (the reference). A backend that cannot be selected is reported as
 * "n/a" with the reason.
 */
import * as nb from '../src/index.js';
import { NotAvailable, type Adapter, type GemmCase, type MlpModel } from './adapter.js';
import { MLP_SIZES, seededRandom, type MlpWeights } from './fixture.js';

/** The wasm backend's view of its worker threads (not part of the Backend interface). */
interface ThreadedBackend {
  threadStats?: () => { threads: number; workerChunks: number };
}

/** Selects nabla's `wasm` or `cpu` backend and returns an adapter for it. */
export async function nablaAdapter(backend: 'wasm' | 'cpu'): Promise<Adapter> {
  // Asking for the default creates it, so only the wasm job (whose default it should be) asks.
  const defaultNote = backend === 'wasm' ? `default backend ${nb.getBackend()}; ` : '';
  try {
    nb.setBackend(backend);
  } catch (err) {
    throw new NotAvailable(`nb.setBackend('${backend}') failed: ${(err as Error).message}`);
  }
  if (nb.getBackend() !== backend) {
    const active = nb.getBackend();
    throw new NotAvailable(`nb.getBackend() is '${active}' after setBackend('${backend}')`);
  }
  await waitForWorkers();
  const threads = backend === 'wasm' ? `, ${nb.getThreads()} thread(s)` : '';
  const info = `${defaultNote}nb.getBackend() = ${nb.getBackend()}${threads}`;
  return {
    id: backend === 'wasm' ? 'nabla-wasm' : 'nabla-cpu',
    describe: () => info,
    gemm: async (n) => nablaGemm(n),
    mlp: async (weights) => nablaMlp(weights),
  };
}

/**
 * Worker threads start in the background and need the event loop to come online, which a tight
 * timing loop never yields to; so kernels run until the workers have taken work (or 5 s pass).
 */
async function waitForWorkers(): Promise<void> {
  const backend = nb.backend() as ThreadedBackend;
  if (backend.threadStats === undefined) return;
  const a = nb.ones([256, 256]);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { threads, workerChunks } = backend.threadStats();
    if (threads <= 1 || workerChunks > 0) break;
    nb.matmul(a, a).dispose();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  a.dispose();
}

function nablaGemm(n: number): GemmCase {
  const random = seededRandom(7);
  const values = (): Float32Array => Float32Array.from({ length: n * n }, () => random() - 0.5);
  const a = nb.tensor(values(), [n, n], 'float32');
  const b = nb.tensor(values(), [n, n], 'float32');
  let last: nb.Tensor | undefined;
  return {
    run: () => {
      last?.dispose();
      last = nb.noGrad(() => nb.matmul(a, b));
    },
    // Reading one value waits for the product, should a backend ever compute asynchronously.
    flush: () => void last?.dataSync()[0],
    dispose: () => {
      last?.dispose();
      a.dispose();
      b.dispose();
    },
  };
}

function nablaMlp(weights: MlpWeights): MlpModel {
  const { inputs, hidden, classes } = MLP_SIZES;
  const model = nb.sequential([
    nb.layers.dense({ units: hidden, activation: 'relu', inputShape: [inputs] }),
    nb.layers.dense({ units: classes, activation: 'softmax' }),
  ]);
  model.compile({
    optimizer: nb.optimizers.adam({ learningRate: 1e-3, epsilon: 1e-7 }),
    loss: 'categoricalCrossentropy',
  });
  const initial = [
    nb.tensor(weights.w1, [inputs, hidden], 'float32'),
    nb.tensor(weights.b1, [hidden], 'float32'),
    nb.tensor(weights.w2, [hidden, classes], 'float32'),
    nb.tensor(weights.b2, [classes], 'float32'),
  ];
  model.setWeights(initial);
  for (const t of initial) t.dispose();
  let train: [nb.Tensor, nb.Tensor] | undefined;
  let test: nb.Tensor | undefined;
  const disposeTrain = (): void => train?.forEach((t) => t.dispose());
  return {
    setTrainData(x, yOneHot, count) {
      disposeTrain();
      train = [
        nb.tensor(x, [count, inputs], 'float32'),
        nb.tensor(yOneHot, [count, classes], 'float32'),
      ];
    },
    async fitEpoch() {
      if (!train) throw new Error('setTrainData first');
      await model.fit(train[0], train[1], { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
    },
    setPredictData(x, count) {
      test?.dispose();
      test = nb.tensor(x, [count, inputs], 'float32');
    },
    async predict(batchSize) {
      if (!test) throw new Error('setPredictData first');
      const probs = model.predict(test, { batchSize });
      if (Array.isArray(probs)) throw new Error('expected one output');
      const values = Float32Array.from(probs.dataSync());
      probs.dispose();
      return values;
    },
    dispose() {
      disposeTrain();
      test?.dispose();
      model.dispose();
    },
  };
}
