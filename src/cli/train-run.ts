/**
 * The training run behind `nabla train` and `nabla demo`: data, model, compile, fit, test,
 * save. Each step prints one line, so a person can follow what happens.
 */
import { join, resolve } from 'node:path';
import { setSeed } from '../core/random.js';
import { saveModel } from '../io/index.js';
import type { Model } from '../models/index.js';
import { adam } from '../optimizers/index.js';
import type { Tensor } from '../tensor/index.js';
import { buildModel, checkModelName } from './architectures.js';
import { checkFits, count, oneHotLabels, say } from './common.js';
import { loadData } from './data-spec.js';
import { classify, formatBytes, formatConfusion } from './report.js';

/** What a training run needs. */
export interface TrainRunOptions {
  data: string;
  model: string;
  /** Hidden widths of `mlp`. */
  hidden?: readonly number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  validationSplit: number;
  testSplit?: number;
  outDir: string;
  seed: number;
  verbose: 0 | 1 | 2;
  confusion: boolean;
}

/** What a run produced. */
export interface TrainRunResult {
  path: string;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
}

/** Data → model → fit → test → save, printing as it goes. */
export async function trainRun(o: TrainRunOptions): Promise<TrainRunResult> {
  const started = performance.now();
  checkModelName(o.model);
  setSeed(o.seed);
  const data = await loadData(o.data, { testSplit: o.testSplit });
  const { train, test, numClasses, metadata } = data;
  const shape = `[${metadata.sampleShape.join(', ')}]`;
  say(
    `data: ${o.data}: ${count(train.x.shape[0]!)} training and ${count(test.x.shape[0]!)} ` +
      `test samples of shape ${shape}, ${numClasses} classes`,
  );
  const model: Model = await buildModel(o.model, metadata.sampleShape, numClasses, o.hidden);
  if (!model.built) model.build([null, ...metadata.sampleShape]);
  checkFits(model, metadata.sampleShape, numClasses, `--data ${o.data}`);
  say(
    `model: ${o.model}: ${model.layers.map((l) => l.className).join(' → ')}, ` +
      `${count(model.countParams())} parameters`,
  );
  model.compile({
    optimizer: adam({ learningRate: o.learningRate }),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const k = model.outputs[0]!.shape.at(-1) as number;
  const yTrain: Tensor = oneHotLabels(train.y, k);
  const yTest: Tensor = oneHotLabels(test.y, k);
  const validation =
    o.validationSplit > 0 ? `, ${o.validationSplit * 100} % held out for validation` : '';
  say(
    `training: ${o.epochs} epochs, batch ${o.batchSize}, ` +
      `Adam (learning rate ${o.learningRate})${validation}`,
  );
  await model.fit(train.x, yTrain, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    validationSplit: o.validationSplit > 0 ? o.validationSplit : undefined,
    verbose: o.verbose,
    seed: o.seed,
  });
  const [testLoss, testAccuracy] = await model.evaluate(test.x, yTest, {
    batchSize: 256,
    verbose: 0,
  });
  const result = classify(model.predict(test.x, { batchSize: 256 }) as Tensor, test.y);
  say(
    `test accuracy: ${testAccuracy!.toFixed(4)} ` +
      `(${count(result.correct)} of ${count(test.x.shape[0]!)} right), ` +
      `test loss: ${testLoss!.toFixed(4)}`,
  );
  if (o.confusion) {
    say('confusion matrix (rows: true class, columns: predicted class):');
    say(formatConfusion(result.matrix, metadata.classNames));
  }
  const path = resolve(join(o.outDir, 'model.nabla'));
  const saved = await saveModel(model, path, { metadata: { ...metadata } });
  const seconds = (performance.now() - started) / 1000;
  say(`saved model: ${path} (${formatBytes(saved.bytes)})`);
  return { path, testLoss: testLoss!, testAccuracy: testAccuracy!, seconds };
}
