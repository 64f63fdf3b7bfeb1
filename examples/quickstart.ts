/**
 * The article's TensorFlow code sample, line for line in nabla: an MLP (dense 64 relu → dense
 * 128 relu → dense softmax) trained with Adam and categorical cross-entropy, evaluated, used to
 * predict and summarised; on the 8×8 handwritten digits that ship with nabla.
 * Run: npx tsx examples/quickstart.ts
 */
import * as nb from 'nabla';

/** What the program computes, for tests. */
export interface QuickstartResult {
  history: nb.History;
  testLoss: number;
  testAccuracy: number;
  predictions: nb.Tensor;
  testLabels: nb.Tensor;
  summary: string;
}

/** Runs the article's program; `epochs` and `verbose` only shorten it for tests. */
export async function quickstart(
  options: { epochs?: number; verbose?: 0 | 1 | 2 } = {},
): Promise<QuickstartResult> {
  nb.setSeed(42);
  const { train, test } = await nb.datasets.digits();
  const inputDim = train.x.shape[1]!; // 64 pixels
  const numClasses = 10;
  const xTrain = train.x;
  const yTrain = nb.oneHot(train.y, numClasses);
  const xTest = test.x;
  const yTest = nb.oneHot(test.y, numClasses);

  // --- the article's program ---
  const model = nb.sequential([
    nb.layers.dense({ units: 64, activation: 'relu', inputShape: [inputDim] }),
    nb.layers.dense({ units: 128, activation: 'relu' }),
    nb.layers.dense({ units: numClasses, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(xTrain, yTrain, {
    batchSize: 32,
    epochs: options.epochs ?? 10,
    validationSplit: 0.2,
    verbose: options.verbose,
  });
  const [testLoss, testAccuracy] = await model.evaluate(xTest, yTest, { verbose: options.verbose });
  const predictions = model.predict(xTest);
  const summary = model.summary({ printFn: options.verbose === 0 ? () => {} : console.log });
  // ---

  return {
    history,
    testLoss: testLoss!,
    testAccuracy: testAccuracy!,
    predictions,
    testLabels: test.y,
    summary,
  };
}

async function main(): Promise<void> {
  const { testLoss, testAccuracy, predictions, testLabels } = await quickstart();
  console.log(
    `\ntest loss ${testLoss.toFixed(4)}, test accuracy ${(100 * testAccuracy).toFixed(1)} %`,
  );
  const predicted = predictions.argmax(-1).dataSync();
  const actual = testLabels.dataSync();
  console.log(`first 10 predictions: ${Array.from(predicted.slice(0, 10)).join(' ')}`);
  console.log(`first 10 labels:      ${Array.from(actual.slice(0, 10)).join(' ')}`);
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
