/** `nabla predict`: a saved model's classes and probabilities for CSV rows or images. */
import type { Tensor } from '../tensor/index.js';
import { UsageError, type CommandSpec, type ParsedArgs } from './args.js';
import { loadModelFile, modelSampleShape, say } from './common.js';
import { readPredictInput } from './inputs.js';
import { argmaxRows } from './report.js';

export const predictSpec: CommandSpec = {
  name: 'predict',
  brief: 'classify CSV rows or images with a saved model',
  summary: [
    'Predicts the class of each input with a saved model and prints its probabilities.',
    "Images (PNG or JPEG, any size, colour or grey) are turned grey and resized to the model's",
    'square input (28×28 for MNIST-style models); a dark digit on light paper is inverted.',
    "CSV files give one sample per row, with the training file's columns",
    '(a label column is ignored).',
  ].join('\n'),
  positionals: [{ name: 'MODEL', description: 'a model file' }],
  options: [
    {
      name: 'input',
      type: 'string',
      valueName: 'FILE',
      description: 'a CSV file or a PNG/JPEG image (required)',
    },
    { name: 'batch-size', type: 'integer', min: 1, default: 256, description: 'samples per step' },
  ],
};

export async function predict(args: ParsedArgs): Promise<void> {
  const path = args.positionals[0]!;
  const file = args.options['input'] as string | undefined;
  if (file === undefined) {
    throw new UsageError('nabla predict: --input FILE is required (see nabla predict --help)');
  }
  const { model, metadata } = await loadModelFile(path, false);
  const shape = modelSampleShape(model);
  if (shape.some((d) => d === null)) {
    throw new UsageError(`the model's input shape [${shape.join(', ')}] has unknown sizes`);
  }
  const input = await readPredictInput(file, shape as number[], metadata);
  const probabilities = model.predict(input.x, {
    batchSize: args.options['batchSize'] as number,
  }) as Tensor;
  const k = probabilities.shape.at(-1)!;
  const values = probabilities.dataSync();
  const classes = argmaxRows(values, k);
  const names = metadata.classNames;
  const nameWidth = Math.max(5, ...input.names.map((n) => n.length));
  const classLabel = (c: number): string => (names ? `${c} ${names[c]}` : String(c));
  const classWidth = Math.max(5, ...Array.from(classes, (c) => classLabel(c).length));
  say(
    `${'input'.padEnd(nameWidth)}  ${'class'.padEnd(classWidth)}  p      ` +
      `probabilities of classes 0..${k - 1}`,
  );
  input.names.forEach((name, i) => {
    const row = Array.from(values.subarray(i * k, (i + 1) * k), (p) => p.toFixed(3));
    const c = classes[i]!;
    say(
      `${name.padEnd(nameWidth)}  ${classLabel(c).padEnd(classWidth)}  ` +
        `${values[i * k + c]!.toFixed(3)}  ${row.join(' ')}`,
    );
  });
}
