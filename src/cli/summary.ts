/** `nabla summary`: what a model file holds, and the model's layer table. */
import type { CommandSpec, ParsedArgs } from './args.js';
import { loadModelFile, say } from './common.js';
import { formatBytes } from './report.js';

export const summarySpec: CommandSpec = {
  name: 'summary',
  brief: 'what a model file holds: training setup and layers',
  summary:
    "Prints what a model file holds (format, training setup, data) and the model's layers, " +
    'output shapes and parameter counts.',
  positionals: [{ name: 'MODEL', description: 'a model file' }],
  options: [],
};

function describe(value: unknown): string {
  const v = value as { className?: string; config?: { name?: string } } | null;
  return v?.config?.name ?? v?.className ?? String(value);
}

export async function summary(args: ParsedArgs): Promise<void> {
  const path = args.positionals[0]!;
  const { model, header, bytes, metadata, formatVersion } = await loadModelFile(path, false);
  say(
    `${path}: ${formatBytes(bytes)}, nabla model file ` +
      `(format version ${formatVersion}, written by nabla ${header.nablaVersion})`,
  );
  const classes = metadata.classNames ? ` (classes: ${metadata.classNames.join(', ')})` : '';
  if (metadata.data) say(`trained on: ${metadata.data}${classes}`);
  const t = header.training;
  if (t) {
    const losses = (Array.isArray(t.loss) ? t.loss : [t.loss]).map(describe).join(', ');
    const metrics = (Array.isArray(t.metrics) ? (t.metrics as unknown[]).flat() : []).map(describe);
    const lr = t.optimizer.config['learningRate'];
    const rate = typeof lr === 'number' ? ` (learning rate ${lr})` : '';
    const metricText = metrics.length > 0 ? `, metrics ${metrics.join(', ')}` : '';
    say(`compiled: ${t.optimizer.className}${rate}, loss ${losses}${metricText}`);
    say(`optimizer state: ${header.optimizerState ? 'saved (training can resume)' : 'not saved'}`);
  } else {
    say('compiled: no');
  }
  model.summary();
}
