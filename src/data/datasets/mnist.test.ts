import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FASHION_MNIST, FASHION_MNIST_CLASSES, MNIST, fashionMnist } from './mnist.js';

const DEBIAN = '/usr/share/datasets/fashion-mnist';

test('the specs name the four canonical files with SHA-256 checksums', () => {
  for (const spec of [FASHION_MNIST, MNIST]) {
    const names = [spec.trainImages, spec.trainLabels, spec.testImages, spec.testLabels];
    assert.deepEqual(
      names.map((f) => f.name),
      [
        'train-images-idx3-ubyte.gz',
        'train-labels-idx1-ubyte.gz',
        't10k-images-idx3-ubyte.gz',
        't10k-labels-idx1-ubyte.gz',
      ],
    );
    for (const f of names) assert.match(f.sha256, /^[0-9a-f]{64}$/);
    assert.ok(spec.mirrors.length >= 2 && spec.mirrors.every((m) => m.endsWith('/')));
  }
  assert.equal(FASHION_MNIST_CLASSES.length, 10);
});

test(
  'fashionMnist() reads Debian\'s dataset-fashion-mnist without a download',
  { skip: existsSync(DEBIAN) ? false : `${DEBIAN} is not installed` },
  async () => {
    // An empty cache and no $NABLA_DATA: the system folder must be found, nothing fetched.
    const cache = await mkdtemp(join(tmpdir(), 'nabla-fmnist-'));
    process.env['XDG_CACHE_HOME'] = cache;
    delete process.env['NABLA_DATA'];
    try {
      const { train, test: t } = await fashionMnist({ download: false });
      assert.deepEqual(train.x.shape, [60000, 28, 28]);
      assert.deepEqual(train.y.shape, [60000]);
      assert.deepEqual(t.x.shape, [10000, 28, 28]);
      assert.equal(train.x.dtype, 'float32');
      assert.equal(t.y.dtype, 'int32');
      // Published first labels: the test set starts with an ankle boot, a pullover, trousers.
      assert.deepEqual([...t.y.dataSync().subarray(0, 10)], [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
      assert.equal(train.y.dataSync()[0], 9);
      const counts = new Array(10).fill(0);
      for (const y of train.y.dataSync()) counts[y]++;
      assert.deepEqual(counts, new Array(10).fill(6000));
      const x = t.x.dataSync();
      let max = 0;
      for (const v of x) max = Math.max(max, v);
      assert.equal(max, 1);
      for (const tensor of [train.x, train.y, t.x, t.y]) tensor.dispose();
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  },
);
