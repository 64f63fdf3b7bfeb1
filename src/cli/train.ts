/** `nabla train`: trains a model on a dataset and saves it. */
import type { CommandSpec, ParsedArgs } from './args.js';
import { parseHidden } from './architectures.js';
import { trainRun } from './train-run.js';

export const trainSpec: CommandSpec = {
  name: 'train',
  brief: 'train a classifier on digits, Fashion-MNIST, MNIST or a CSV file',
  summary:
    'Trains a classifier (Adam, categorical cross-entropy), prints its test accuracy ' +
    'and saves it as DIR/model.nabla.',
  options: [
    {
      name: 'data',
      type: 'string',
      valueName: 'SPEC',
      default: 'digits',
      description:
        'digits, fashion-mnist, mnist or csv:FILE[:LABEL] ' +
        '(label column by name or index; default the last)',
    },
    {
      name: 'model',
      type: 'string',
      valueName: 'MODEL',
      default: 'mlp',
      description:
        'mlp (dense relu layers, see --hidden, then softmax), cnn (2 conv + pool blocks, ' +
        'for 28×28 images) or a model config .json',
    },
    {
      name: 'hidden',
      type: 'string',
      valueName: 'WIDTHS',
      default: '64,128',
      description: "mlp only: the hidden layers' widths (the article's 64,128)",
    },
    {
      name: 'epochs',
      type: 'integer',
      min: 1,
      default: 10,
      description: 'passes over the training data',
    },
    { name: 'batch-size', type: 'integer', min: 1, default: 32, description: 'samples per step' },
    {
      name: 'learning-rate',
      type: 'number',
      min: 0,
      default: 0.001,
      description: "Adam's learning rate",
    },
    {
      name: 'validation-split',
      type: 'number',
      min: 0,
      max: 0.9,
      default: 0,
      description: 'share of the training data held out to report validation metrics',
    },
    {
      name: 'test-split',
      type: 'number',
      min: 0.01,
      max: 0.9,
      default: 0.2,
      description: 'CSV only: share of the rows kept for testing (a fixed, seeded split)',
    },
    {
      name: 'out',
      type: 'string',
      valueName: 'DIR',
      default: '.',
      description: 'where to write model.nabla',
    },
    {
      name: 'seed',
      type: 'integer',
      default: 1,
      description: 'seed of the weights and the shuffling',
    },
    {
      name: 'verbose',
      type: 'integer',
      min: 0,
      max: 2,
      default: 1,
      description: '0 silent, 1 progress bar, 2 one line per epoch',
    },
    { name: 'confusion', type: 'boolean', description: 'print the test confusion matrix' },
  ],
  epilog: [
    'Examples:',
    '  nabla train --data fashion-mnist --model mlp --epochs 5 --out runs/mlp',
    '  nabla train --data fashion-mnist --model mlp --hidden 256,128 --validation-split 0.1',
    '  nabla train --data csv:iris.csv:species --epochs 50 --out runs/iris',
    'CSV files: numeric or text columns; text is coded as categories. Features are standardised',
    "with the training rows' statistics, which the model file keeps for evaluate and predict.",
  ].join('\n'),
};

export async function train(args: ParsedArgs): Promise<void> {
  const o = args.options;
  await trainRun({
    data: o['data'] as string,
    model: o['model'] as string,
    hidden: parseHidden(o['hidden'] as string),
    epochs: o['epochs'] as number,
    batchSize: o['batchSize'] as number,
    learningRate: o['learningRate'] as number,
    validationSplit: o['validationSplit'] as number,
    testSplit: o['testSplit'] as number,
    outDir: o['out'] as string,
    seed: o['seed'] as number,
    verbose: o['verbose'] as 0 | 1 | 2,
    confusion: o['confusion'] === true,
  });
}
