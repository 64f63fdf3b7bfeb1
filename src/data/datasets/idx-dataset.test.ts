import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../idx.js';
import { loadIdxDataset, loadIdxDatasetTensors, type IdxDatasetSpec } from './idx-dataset.js';

// A tiny MNIST-like dataset: 5 training and 2 test images of 4x3 pixels. Every pixel of image i
// is `tag + i`, and its label is i, so a test can tell which copy was read.
function files(tag: number): Record<string, Uint8Array> {
  const images = (n: number): Uint8Array => {
    const data = Uint8Array.from({ length: n * 12 }, (_, k) => tag + Math.floor(k / 12));
    return new Uint8Array(gzipSync(encodeIdx({ dtype: 'uint8', shape: [n, 4, 3], data })));
  };
  const labels = (n: number): Uint8Array => {
    const data = Uint8Array.from({ length: n }, (_, i) => i);
    return new Uint8Array(gzipSync(encodeIdx({ dtype: 'uint8', shape: [n], data })));
  };
  return {
    'train-images-idx3-ubyte.gz': images(5),
    'train-labels-idx1-ubyte.gz': labels(5),
    't10k-images-idx3-ubyte.gz': images(2),
    't10k-labels-idx1-ubyte.gz': labels(2),
  };
}

const SERVED = files(100);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let root = '';
let server: Server;
let base = '';
let requests: string[] = [];

function spec(mirrors: string[], systemDirs: string[] = []): IdxDatasetSpec {
  const file = (name: string) => ({ name, sha256: sha(SERVED[name]!) });
  return {
    name: 'tiny',
    title: 'Tiny',
    mirrors,
    trainImages: file('train-images-idx3-ubyte.gz'),
    trainLabels: file('train-labels-idx1-ubyte.gz'),
    testImages: file('t10k-images-idx3-ubyte.gz'),
    testLabels: file('t10k-labels-idx1-ubyte.gz'),
    systemDirs,
    hint: 'get it somewhere',
  };
}

async function put(dir: string, content: Record<string, Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(content)) await writeFile(join(dir, name), bytes);
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'nabla-idxds-'));
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [, mirror, name] = (req.url ?? '').split('/');
    const body = SERVED[name ?? ''];
    if (body === undefined) {
      res.writeHead(404).end();
    } else if (mirror === 'bad') {
      // A mirror serving different bytes: the checksum must catch it.
      res.writeHead(200, { 'content-length': '3' }).end('bad');
    } else {
      res.writeHead(200, { 'content-length': String(body.length) }).end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

let caseDir = '';
let caseCount = 0;
beforeEach(async () => {
  caseDir = join(root, `case${caseCount++}`);
  await mkdir(caseDir, { recursive: true });
  process.env['NABLA_DATA'] = join(caseDir, 'env');
  process.env['XDG_CACHE_HOME'] = join(caseDir, 'xdg');
  requests = [];
});

test('reads a folder given as dir; x scaled to [0, 1] or raw', async () => {
  await put(join(caseDir, 'here'), files(10));
  const raw = await loadIdxDataset(spec([]), { dir: join(caseDir, 'here') });
  assert.equal(raw.train.count, 5);
  assert.equal(raw.test.count, 2);
  assert.equal(raw.rows, 4);
  assert.equal(raw.cols, 3);
  assert.deepEqual([...raw.train.labels], [0, 1, 2, 3, 4]);
  const { train, test: t } = await loadIdxDatasetTensors(spec([]), { dir: join(caseDir, 'here') });
  assert.deepEqual(train.x.shape, [5, 4, 3]);
  assert.equal(train.x.dtype, 'float32');
  assert.equal(train.y.dtype, 'int32');
  assert.deepEqual(t.y.shape, [2]);
  assert.equal(train.x.dataSync()[12], Math.fround(11 / 255));
  const unscaled = await loadIdxDatasetTensors(spec([]), {
    dir: join(caseDir, 'here'),
    normalize: false,
  });
  assert.equal(unscaled.train.x.dataSync()[12], 11);
});

test('search order: $NABLA_DATA/<name>, then the cache, then system folders', async () => {
  const env = join(caseDir, 'env', 'tiny');
  const cache = join(caseDir, 'xdg', 'nabla', 'tiny');
  const system = join(caseDir, 'system');
  await put(env, files(1));
  await put(cache, files(2));
  await put(system, files(3));
  const s = spec([`${base}/good/`], [system]);
  assert.equal((await loadIdxDataset(s)).dir, env);
  await rm(env, { recursive: true });
  assert.equal((await loadIdxDataset(s)).dir, cache);
  await rm(cache, { recursive: true });
  const fromSystem = await loadIdxDataset(s);
  assert.equal(fromSystem.dir, system);
  assert.equal(fromSystem.train.images[0], 3);
  assert.deepEqual(requests, [], 'nothing downloaded while a folder has the files');
});

test('uncompressed files count too; a folder missing one file is skipped', async () => {
  const system = join(caseDir, 'system');
  const plain: Record<string, Uint8Array> = {};
  const { gunzipSync } = await import('node:zlib');
  for (const [name, bytes] of Object.entries(files(4))) {
    plain[name.replace(/\.gz$/, '')] = new Uint8Array(gunzipSync(bytes));
  }
  await put(system, plain);
  const partial = files(5);
  delete partial['t10k-labels-idx1-ubyte.gz'];
  await put(join(caseDir, 'env', 'tiny'), partial);
  const found = await loadIdxDataset(spec([], [system]), { download: false });
  assert.equal(found.dir, system);
  assert.equal(found.test.images[0], 4);
});

test('downloads into the cache when no folder has the files, then reuses them', async () => {
  const s = spec([`${base}/missing-mirror/x/`, `${base}/good/`]);
  const progress = new Set<string>();
  const got = await loadIdxDataset(s, { onProgress: (file) => progress.add(file) });
  const cache = join(caseDir, 'xdg', 'nabla', 'tiny');
  assert.equal(got.dir, cache);
  assert.equal(got.train.images[0], 100);
  assert.deepEqual((await readdir(cache)).sort(), Object.keys(SERVED).sort());
  assert.equal(progress.size, 4);
  requests = [];
  await loadIdxDataset(s);
  assert.deepEqual(requests, [], 'the second load reads the cache');
});

test('a mirror with a wrong checksum is skipped for the next one', async () => {
  const got = await loadIdxDataset(spec([`${base}/bad/`, `${base}/good/`]));
  assert.equal(got.train.count, 5);
  assert.ok(requests.some((r) => r.startsWith('/bad/')));
});

test('when every mirror fails, the error lists each failure and leaves no file', async () => {
  await assert.rejects(
    loadIdxDataset(spec([`${base}/bad/`, `${base}/nope/nothing/`])),
    (err: Error) => {
      assert.match(err.message, /cannot download train-images-idx3-ubyte\.gz of Tiny/);
      assert.match(err.message, /bad\/train-images-idx3-ubyte\.gz: checksum mismatch/);
      assert.match(err.message, /HTTP 404/);
      assert.match(err.message, /get it somewhere/);
      return true;
    },
  );
  const cache = join(caseDir, 'xdg', 'nabla', 'tiny');
  assert.deepEqual(await readdir(cache).catch(() => []), []);
});

test('without downloads, a missing dataset names the folders searched and the hint', async () => {
  await assert.rejects(
    loadIdxDataset(spec([`${base}/good/`], ['/nonexistent/system']), { download: false }),
    /Tiny not found in .*env\/tiny, .*xdg\/nabla\/tiny, \/nonexistent\/system and downloads/,
  );
  await assert.rejects(
    loadIdxDataset(spec([]), { dir: join(caseDir, 'empty') }),
    /Tiny files not found in .*empty \(expected train-images-idx3-ubyte\.gz, /,
  );
  assert.deepEqual(requests, []);
});

test('inconsistent files are refused naming them', async () => {
  const broken = files(7);
  broken['t10k-labels-idx1-ubyte.gz'] = files(7)['train-labels-idx1-ubyte.gz']!;
  await put(join(caseDir, 'broken'), broken);
  await assert.rejects(
    loadIdxDataset(spec([]), { dir: join(caseDir, 'broken') }),
    /t10k-images-idx3-ubyte\.gz holds 2 images but .*t10k-labels-idx1-ubyte\.gz holds 5 labels/,
  );
  const truncated = files(7);
  const images = truncated['train-images-idx3-ubyte.gz']!;
  truncated['train-images-idx3-ubyte.gz'] = images.subarray(0, 20);
  await put(join(caseDir, 'truncated'), truncated);
  await assert.rejects(
    loadIdxDataset(spec([]), { dir: join(caseDir, 'truncated') }),
    /train-images-idx3-ubyte\.gz: corrupt or truncated gzip data/,
  );
});
