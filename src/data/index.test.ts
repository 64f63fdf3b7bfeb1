import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as data from './index.js';
import * as datasets from './datasets/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));

test('the barrels expose the public API', () => {
  for (const name of [
    'Dataset',
    'fromTensors',
    'zip',
    'trainValTestSplit',
    'minMaxScaler',
    'standardScaler',
    'readIdx',
    'parseCsv',
    'decodeGreyImage',
    'download',
    'cacheDir',
  ]) {
    assert.equal(typeof (data as Record<string, unknown>)[name], 'function', name);
  }
  for (const name of ['digits', 'mnist', 'fashionMnist']) {
    assert.equal(typeof (datasets as Record<string, unknown>)[name], 'function', name);
  }
});

test('src/data imports only from core, tensor and itself', async () => {
  const files = (await readdir(HERE, { recursive: true })).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = await readFile(join(HERE, file), 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = join(dirname(join(HERE, file)), spec!);
      const level = target.slice(dirname(HERE).length + 1).split('/')[0];
      assert.ok(['core', 'tensor', 'data'].includes(level!), `${file} imports ${spec}`);
    }
  }
});
