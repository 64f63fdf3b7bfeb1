import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHelp, parseArgs, UsageError, type CommandSpec } from './args.js';

const spec: CommandSpec = {
  name: 'train',
  brief: 'train a model',
  summary: 'Trains a model.',
  positionals: [{ name: 'MODEL', description: 'a model file', required: false }],
  options: [
    { name: 'epochs', type: 'integer', description: 'passes', default: 5, min: 1 },
    { name: 'learning-rate', type: 'number', description: 'step size', min: 0 },
    { name: 'model', type: 'string', description: 'architecture', choices: ['mlp', 'cnn'] },
    { name: 'verbose', type: 'boolean', description: 'talk', default: true },
    { name: 'out', type: 'string', description: 'folder', valueName: 'DIR' },
  ],
};

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, booleans and positionals, with defaults', () => {
    const a = parseArgs(spec, [
      'm.nabla',
      '--epochs',
      '3',
      '--learning-rate=0.01',
      '--model',
      'cnn',
      '--no-verbose',
    ]);
    assert.deepEqual(a, {
      help: false,
      positionals: ['m.nabla'],
      options: { epochs: 3, learningRate: 0.01, model: 'cnn', verbose: false },
    });
    assert.equal(parseArgs(spec, []).options['epochs'], 5);
    assert.equal(parseArgs(spec, ['--verbose=false']).options['verbose'], false);
    assert.deepEqual(parseArgs(spec, ['--', '--epochs']).positionals, ['--epochs']);
  });

  it('accepts a negative number as a value and sees --help anywhere', () => {
    const lr = { ...spec, options: [{ name: 'shift', type: 'number' as const, description: '' }] };
    assert.equal(parseArgs(lr, ['--shift', '-0.5']).options['shift'], -0.5);
    assert.equal(parseArgs(spec, ['--epochs', '2', '--help']).help, true);
    assert.equal(parseArgs(spec, ['-h', 'a', 'b']).help, true);
  });

  const bad: [string[], RegExp][] = [
    [['--epochs', 'ten'], /^train: --epochs must be an integer, got 'ten'$/],
    [['--epochs', '2.5'], /--epochs must be an integer, got '2.5'/],
    [['--epochs', '0'], /--epochs must be ≥ 1, got 0/],
    [['--epochs'], /--epochs needs a value/],
    [['--epochs', '--model', 'mlp'], /--epochs needs a value/],
    [['--model', 'rnn'], /--model must be one of mlp, cnn; got 'rnn'/],
    [['--colour', 'red'], /unknown option --colour \(see nabla train --help\)/],
    [['-x'], /unknown option -x/],
    [['a', 'b'], /unexpected argument 'b'/],
    [['--verbose=maybe'], /--verbose takes true or false/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(
        () => parseArgs(spec, argv),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
      );
    });
  }

  it('requires required positionals', () => {
    const s = { ...spec, positionals: [{ name: 'MODEL', description: '' }] };
    assert.throws(
      () => parseArgs(s, []),
      /^UsageError: train: missing MODEL \(see nabla train --help\)$/,
    );
    assert.equal(parseArgs(s, ['--help']).help, true);
  });
});

describe('formatHelp', () => {
  it('lists usage, arguments, options with value names and defaults', () => {
    const text = formatHelp(spec);
    assert.match(text, /^Usage: nabla train \[MODEL\] \[options\]\n\nTrains a model\./);
    assert.match(text, /--epochs <integer> +passes \(default 5\)/);
    assert.match(text, /--out <DIR> +folder\n/);
    assert.match(text, /--verbose +talk \(default true\)/);
    assert.match(text, /-h, --help +show this help/);
  });

  it('wraps long descriptions under their column', () => {
    const long = {
      ...spec,
      options: [{ name: 'x', type: 'boolean' as const, description: 'word '.repeat(40).trim() }],
    };
    const lines = formatHelp(long)
      .split('\n')
      .filter((l) => l.includes('word'));
    assert.ok(lines.length >= 2);
    for (const line of lines) assert.ok(line.length <= 100, line);
    assert.match(lines[1]!, /^ {14}word/);
  });
});
