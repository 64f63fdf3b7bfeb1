import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
// The runs happen in a temporary folder, where a bare `--import tsx` would not be found.
const TSX = import.meta.resolve('tsx');
let dir = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/cli/main.ts …args` in the temporary folder. */
function nabla(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, MAIN, ...args],
      { cwd: dir, env: { ...process.env, NABLA_DEBUG: '', ...env } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** An 8×8 image as 64 values in [0, 1]: class 0 lights the top half, class 1 the bottom. */
function sample(label: number, noise: () => number): number[] {
  return Array.from({ length: 64 }, (_, p) => {
    const lit = label === 0 ? p < 32 : p >= 32;
    return Math.min(1, Math.max(0, (lit ? 0.8 : 0.1) + noise()));
  });
}

let seed = 7;
const noise = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return (seed / 2 ** 31 - 0.5) * 0.3;
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nabla-cli-'));
  const header = [...Array.from({ length: 64 }, (_, i) => `p${i}`), 'shape'].join(',');
  const rows = Array.from({ length: 150 }, (_, i) => {
    const label = i % 2;
    return [...sample(label, noise).map((v) => v.toFixed(3)), label === 0 ? 'top' : 'bottom'].join(
      ',',
    );
  });
  await writeFile(join(dir, 'bars.csv'), `${header}\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'rows.csv'), `${header}\n${rows.slice(0, 3).join('\n')}\n`);
  const png = new PNG({ width: 16, height: 16 }); // larger than the model's 8×8: it is resized
  for (let p = 0; p < 256; p++) {
    const v = p < 128 ? 200 : 30;
    png.data.set([v, v, v, 255], p * 4);
  }
  await writeFile(join(dir, 'top.png'), PNG.sync.write(png));
  await writeFile(join(dir, 'notes.txt'), 'not a model\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A failure as users must see it: the exit code, one `nabla: …` line on stderr and no stack.
 * (stdout may hold the steps that went well before the failure.)
 */
function assertOneLineError(run: Run, message: RegExp, code = 1): void {
  assert.equal(run.code, code, run.stderr);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^nabla: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

describe('nabla --help', () => {
  it('lists the commands and explains each one', async () => {
    const runs = await Promise.all(
      [
        [],
        ['--help'],
        ...['demo', 'train', 'evaluate', 'predict', 'summary'].map((c) => [c, '--help']),
      ].map((a) => nabla(a)),
    );
    const [none, top, ...commands] = runs;
    assert.equal(none!.code, 2);
    assert.match(none!.stderr, /^Usage: nabla <command>/);
    assert.equal(top!.code, 0);
    for (const c of ['demo', 'train', 'evaluate', 'predict', 'summary'])
      assert.match(top!.stdout, new RegExp(`\\n  ${c} +\\S`));
    commands.forEach((run, i) => {
      const name = ['demo', 'train', 'evaluate', 'predict', 'summary'][i]!;
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Usage: nabla ${name} `));
      assert.match(run.stdout, /-h, --help +show this help/);
    });
    assert.match(
      commands[1]!.stdout,
      /--data <SPEC> +digits, fashion-mnist, mnist or csv:FILE\[:LABEL\]/,
    );
  });
});

describe('nabla train, evaluate, predict and summary on a CSV file', () => {
  let trained: Run;
  before(async () => {
    trained = await nabla([
      'train',
      '--data',
      'csv:bars.csv:shape',
      '--epochs',
      '2',
      '--learning-rate',
      '0.01',
      '--verbose',
      '0',
      '--out',
      'run',
    ]);
  });

  it('trains, reports the test accuracy and saves model.nabla', async () => {
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(
      trained.stdout,
      /^data: csv:bars\.csv:shape: 120 training and 30 test samples of shape \[64\], 2 classes$/m,
    );
    assert.match(trained.stdout, /^test accuracy: 1\.0000 \(30 of 30 right\)/m);
    const path = /^saved model: (.+) \(/m.exec(trained.stdout)![1]!;
    assert.equal(path, join(dir, 'run', 'model.nabla'));
    assert.ok((await readFile(path)).length > 64 * 64 * 4);
  });

  it('evaluate gives the accuracy that train reported', async () => {
    const trainAccuracy = /^test accuracy: ([\d.]+)/m.exec(trained.stdout)![1];
    const trainLoss = /test loss: ([\d.]+)/.exec(trained.stdout)![1];
    const run = await nabla(['evaluate', 'run/model.nabla', '--data', 'csv:bars.csv:shape']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /on 30 test samples of csv:bars\.csv:shape/);
    assert.match(run.stdout, new RegExp(`^loss: ${trainLoss}, accuracy: ${trainAccuracy}$`, 'm'));
  });

  it('predict classifies an image file and CSV rows, printing the probabilities', async () => {
    const [image, rows] = await Promise.all([
      nabla(['predict', 'run/model.nabla', '--input', 'top.png']),
      nabla(['predict', 'run/model.nabla', '--input', 'rows.csv']),
    ]);
    assert.equal(image.code, 0, image.stderr);
    // The labels are coded in sorted order: 0 = bottom, 1 = top.
    assert.match(image.stdout, /^top\.png +1 top +(0\.9\d\d|1\.000) +0\.\d{3} [01]\.\d{3}$/m);
    assert.equal(rows.code, 0, rows.stderr);
    assert.match(rows.stdout, /^rows\.csv:1 +1 top /m);
    assert.match(rows.stdout, /^rows\.csv:2 +0 bottom /m);
    assert.match(rows.stdout, /^rows\.csv:3 +1 top /m);
  });

  it('summary says what the file holds', async () => {
    const run = await nabla(['summary', 'run/model.nabla']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /format version 1/);
    assert.match(run.stdout, /^trained on: csv:bars\.csv:shape \(classes: bottom, top\)$/m);
    assert.match(
      run.stdout,
      /^compiled: Adam \(learning rate 0\.01\), loss categoricalCrossentropy, metrics accuracy$/m,
    );
    assert.match(run.stdout, /Total params: 12,738 /);
  });

  it('refuses data whose shape does not fit the model', async () => {
    const run = await nabla(['evaluate', 'run/model.nabla', '--data', 'digits']);
    assertOneLineError(run, /^nabla: --data digits has 10 classes, but the model outputs 2$/, 2);
  });
});

describe('nabla demo', () => {
  it("trains the article's model on the digits, prints the matrix, saves the model", async () => {
    const run = await nabla(['demo', '--epochs', '2', '--verbose', '0', '--out', 'demo']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^data: digits: 1,438 training and 359 test samples of shape \[64\], 10 classes$/m,
    );
    assert.match(run.stdout, /^model: mlp: Dense → Dense → Dense, 13,770 parameters$/m);
    assert.match(run.stdout, /^test accuracy: 0\.\d{4} \(\d+ of 359 right\)/m);
    assert.match(run.stdout, /^9 +│( +\[?\d+\]?){10}$/m);
    assert.match(
      run.stdout,
      new RegExp(
        `^saved model: ${join(dir, 'demo', 'model.nabla').replace(/[.]/g, '\\.')} \\(`,
        'm',
      ),
    );
  });
});

describe('nabla errors', { concurrency: true }, () => {
  const cases: [string, string[], RegExp, number][] = [
    [
      'an unknown command',
      ['fly'],
      /unknown command 'fly' \(commands: demo, train, evaluate, predict, summary/,
      2,
    ],
    [
      'a bad number',
      ['train', '--epochs', 'many'],
      /train: --epochs must be an integer, got 'many'/,
      2,
    ],
    [
      'an unknown option',
      ['demo', '--epoch', '3'],
      /demo: unknown option --epoch \(see nabla demo --help\)/,
      2,
    ],
    [
      'a bad data spec',
      ['train', '--data', 'imagenet'],
      /--data must be digits, fashion-mnist, mnist or csv:FILE\[:LABEL\]; got 'imagenet'/,
      2,
    ],
    [
      'a bad model name',
      ['train', '--model', 'resnet', '--epochs', '1'],
      /--model must be mlp, cnn or a model config file \(\.json\); got 'resnet'/,
      2,
    ],
    ['a missing model argument', ['evaluate'], /evaluate: missing MODEL/, 2],
    [
      'a missing CSV file',
      ['train', '--data', 'csv:nope.csv'],
      /cannot read nope\.csv: no such file or directory/,
      1,
    ],
    [
      'a missing model file',
      ['summary', 'nope.nabla'],
      /cannot read nope\.nabla: no such file or directory/,
      1,
    ],
    [
      'a file that is not a model',
      ['summary', 'notes.txt'],
      /notes\.txt: not a nabla model file \(wrong magic bytes\)/,
      1,
    ],
    ['predict without --input', ['predict', 'x.nabla'], /--input FILE is required/, 2],
    [
      'bad hidden widths',
      ['train', '--hidden', '64,,128'],
      /--hidden must be layer widths separated by commas, e\.g\. 64,128; got '64,,128'/,
      2,
    ],
    [
      'a CNN for vectors',
      ['train', '--data', 'csv:bars.csv', '--model', 'cnn'],
      /--model cnn needs square grey images of at least 10×10 pixels/,
      2,
    ],
  ];
  for (const [what, args, message, code] of cases) {
    it(`gives one line for ${what}`, async () => {
      assertOneLineError(await nabla(args), message, code);
    });
  }

  it('says nothing on stdout when the command line is wrong', async () => {
    const run = await nabla(['train', '--model', 'resnet']);
    assert.equal(run.stdout, '');
  });

  it('refuses a truncated model file in one line, and NABLA_DEBUG=1 shows the stack', async () => {
    const bytes = await readFile(join(dir, 'run', 'model.nabla'));
    await writeFile(join(dir, 'cut.nabla'), bytes.subarray(0, bytes.length - 10));
    assertOneLineError(
      await nabla(['summary', 'cut.nabla']),
      /cut\.nabla: the file is truncated: expected \d+ bytes, got \d+/,
    );
    const debug = await nabla(['summary', 'cut.nabla'], { NABLA_DEBUG: '1' });
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /\n\s+at /);
  });
});
