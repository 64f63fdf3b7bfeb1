/** `nabla evaluate`: a saved model's loss and metrics on a dataset's test part. */
import { UsageError, type CommandSpec, type ParsedArgs } from './args.js';
import { checkFits, count, loadModelFile, modelClasses, oneHotLabels, say } from './common.js';
import { loadData, type DataMetadata } from './data-spec.js';
import { classify, formatConfusion } from './report.js';
import type { Tensor } from '../tensor/index.js';

export const evaluateSpec: CommandSpec = {
  name: 'evaluate',
  brief: "a saved model's loss and accuracy on test data",
  summary: 'Evaluates a saved model on the test part of a dataset: its loss and metrics.',
  positionals: [
    { name: 'MODEL', description: 'a model file (from nabla train, nabla demo or saveModel)' },
  ],
  options: [
    {
      name: 'data',
      type: 'string',
      valueName: 'SPEC',
      description:
        'digits, fashion-mnist, mnist or csv:FILE[:LABEL] ' +
        '(default: the data the model was trained on)',
    },
    {
      name: 'split',
      type: 'string',
      choices: ['test', 'train'],
      default: 'test',
      description: 'which part of the data to evaluate on',
    },
    {
      name: 'test-split',
      type: 'number',
      min: 0.01,
      max: 0.9,
      description: 'CSV only: share of rows in the test part (default: as in training)',
    },
    { name: 'batch-size', type: 'integer', min: 1, default: 256, description: 'samples per step' },
    { name: 'confusion', type: 'boolean', description: 'print the confusion matrix' },
  ],
};

export async function evaluate(args: ParsedArgs): Promise<void> {
  const o = args.options;
  const path = args.positionals[0]!;
  const { model, metadata } = await loadModelFile(path);
  const spec = (o['data'] as string | undefined) ?? metadata.data;
  if (spec === undefined) {
    throw new UsageError(`${path} does not say what it was trained on: give --data`);
  }
  // A CSV is coded and scaled as it was for training, whichever file it is.
  const known = metadata.data !== undefined ? (metadata as DataMetadata) : undefined;
  const data = await loadData(spec, { testSplit: o['testSplit'] as number | undefined, known });
  checkFits(model, data.metadata.sampleShape, data.numClasses, `--data ${spec}`);
  const part = o['split'] === 'train' ? data.train : data.test;
  const k = modelClasses(model);
  if (!model.optimizer) {
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  }
  const batchSize = o['batchSize'] as number;
  const values = await model.evaluate(part.x, oneHotLabels(part.y, k), { batchSize, verbose: 0 });
  say(`${path} on ${count(part.x.shape[0]!)} ${o['split']} samples of ${spec}:`);
  say(model.metricsNames.map((name, i) => `${name}: ${values[i]!.toFixed(4)}`).join(', '));
  if (o['confusion'] === true) {
    const result = classify(model.predict(part.x, { batchSize }) as Tensor, part.y);
    say('confusion matrix (rows: true class, columns: predicted class):');
    say(formatConfusion(result.matrix, metadata.classNames ?? data.metadata.classNames));
  }
}
