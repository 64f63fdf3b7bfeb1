import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { gunzip, isGzip, maybeGunzip } from './gzip.js';

const TEXT = new TextEncoder().encode('nabla '.repeat(1000));

test('gunzip restores the bytes; maybeGunzip passes plain bytes through', async () => {
  const gz = new Uint8Array(gzipSync(TEXT));
  assert.ok(isGzip(gz));
  assert.ok(!isGzip(TEXT));
  assert.deepEqual(await gunzip(gz), TEXT);
  assert.deepEqual(await maybeGunzip(gz), TEXT);
  assert.equal(await maybeGunzip(TEXT), TEXT);
});

test('gunzip refuses truncated, corrupt and non-gzip data, naming the source', async () => {
  const gz = new Uint8Array(gzipSync(TEXT));
  const cut = gz.subarray(0, gz.length - 4);
  await assert.rejects(gunzip(cut, 'a.gz'), /a\.gz: corrupt or truncated/);
  const bad = gz.slice();
  bad[12] = bad[12]! ^ 0xff;
  await assert.rejects(gunzip(bad, 'b.gz'), /b\.gz: corrupt or truncated gzip data/);
  await assert.rejects(gunzip(TEXT, 'c.txt'), /c\.txt: not gzip data/);
});
