/** `nabla demo`: the article's program on the bundled digits, start to finish. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandSpec, ParsedArgs } from './args.js';
import { say } from './common.js';
import { trainRun } from './train-run.js';

/** Where the demo saves its model unless `--out` says otherwise. */
export function defaultDemoDir(): string {
  return join(tmpdir(), 'nabla-demo');
}

export const demoSpec: CommandSpec = {
  name: 'demo',
  brief: "train the article's model on the bundled digits (start here)",
  summary: [
    "The article's example, run for real: dense 64 relu → dense 128 relu → dense 10 softmax,",
    'Adam, categorical cross-entropy, batch 32, 20 % of the training data held out for validation,',
    'trained on the 8×8 handwritten digits bundled with nabla (1,438 training, 359 test images).',
    'Prints the test accuracy and a confusion matrix, and saves the model.',
  ].join('\n'),
  options: [
    {
      name: 'epochs',
      type: 'integer',
      min: 1,
      default: 30,
      description: 'passes over the training data',
    },
    {
      name: 'out',
      type: 'string',
      valueName: 'DIR',
      description: `where to save model.nabla (default ${join('<os temp dir>', 'nabla-demo')})`,
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
  ],
  epilog: 'Then try: nabla summary <saved model>   nabla evaluate <saved model> --data digits',
};

export async function demo(args: ParsedArgs): Promise<void> {
  const o = args.options;
  say("nabla demo: the article's neural network on handwritten digits");
  const result = await trainRun({
    data: 'digits',
    model: 'mlp',
    epochs: o['epochs'] as number,
    batchSize: 32,
    learningRate: 0.001,
    validationSplit: 0.2,
    outDir: (o['out'] as string | undefined) ?? defaultDemoDir(),
    seed: o['seed'] as number,
    verbose: o['verbose'] as 0 | 1 | 2,
    confusion: true,
  });
  say(`done in ${result.seconds.toFixed(1)} s. Next: nabla summary ${result.path}`);
}
