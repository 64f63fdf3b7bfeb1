import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download } from './download.js';
import { cacheDir, writeFileAtomic } from './cache.js';

const BODY = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);
const SHA = createHash('sha256').update(BODY).digest('hex');
const WRONG = '0'.repeat(64);

let server: Server;
let base = '';
let requests = 0;
let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nabla-download-'));
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/ok/file.bin' || req.url === '/again/file.bin') {
      res.writeHead(200, { 'content-length': String(BODY.length) });
      res.end(BODY);
    } else if (req.url === '/truncated/file.bin') {
      // Promise the whole body, send half, then drop the connection.
      res.writeHead(200, { 'content-length': String(BODY.length) });
      res.write(BODY.subarray(0, BODY.length / 2), () => res.destroy());
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  // Loopback only: these tests never touch the network.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function filesIn(sub: string): Promise<string[]> {
  return readdir(join(dir, sub)).catch(() => []);
}

test('download saves a verified file and serves it from disk the second time', async () => {
  const seen: number[] = [];
  const path = await download(`${base}/ok/file.bin`, {
    dir: join(dir, 'ok'),
    sha256: SHA,
    onProgress: (received, total) => {
      assert.equal(total, BODY.length);
      seen.push(received);
    },
  });
  assert.equal(path, join(dir, 'ok', 'file.bin'));
  assert.deepEqual(new Uint8Array(await readFile(path)), BODY);
  assert.equal(seen.at(-1), BODY.length);
  assert.deepEqual(await filesIn('ok'), ['file.bin']);
  const before = requests;
  assert.equal(await download(`${base}/ok/file.bin`, { dir: join(dir, 'ok'), sha256: SHA }), path);
  assert.equal(requests, before, 'a verified cached file needs no request');
});

test('download replaces a cached file whose checksum is wrong', async () => {
  await writeFile(join(dir, 'again.bin'), 'damaged');
  const path = await download(`${base}/again/file.bin`, {
    dir,
    fileName: 'again.bin',
    sha256: SHA,
  });
  assert.deepEqual(new Uint8Array(await readFile(path)), BODY);
});

test('download refuses a truncated body and leaves no file behind', async () => {
  await assert.rejects(
    download(`${base}/truncated/file.bin`, { dir: join(dir, 'truncated'), sha256: SHA }),
    /truncated\/file\.bin: (the transfer broke off after \d+ of 100000 bytes|truncated download)/,
  );
  assert.deepEqual(await filesIn('truncated'), []);
});

test('download refuses a wrong checksum and leaves no file behind', async () => {
  await assert.rejects(
    download(`${base}/ok/file.bin`, { dir: join(dir, 'wrong'), sha256: WRONG }),
    new RegExp(`checksum mismatch: expected sha256 0{64}, got ${SHA} \\(100000 bytes\\)`),
  );
  assert.deepEqual(await filesIn('wrong'), []);
});

test('download reports an HTTP 404 and leaves no file behind', async () => {
  await assert.rejects(
    download(`${base}/missing/file.bin`, { dir: join(dir, 'missing') }),
    /missing\/file\.bin: the server answered HTTP 404 Not Found/,
  );
  assert.deepEqual(await filesIn('missing'), []);
});

test('download reports a refused connection and a bad checksum argument', async () => {
  // Port 1 on loopback: nothing listens there.
  await assert.rejects(
    download('http://127.0.0.1:1/x.bin', { dir: join(dir, 'refused') }),
    /cannot fetch http:\/\/127\.0\.0\.1:1\/x\.bin/,
  );
  await assert.rejects(download(`${base}/ok/file.bin`, { sha256: 'abc' }), /64 hex digits/);
});

test('cacheDir honours XDG_CACHE_HOME', async () => {
  const saved = process.env['XDG_CACHE_HOME'];
  try {
    process.env['XDG_CACHE_HOME'] = '/tmp/xdg';
    assert.equal(await cacheDir(), '/tmp/xdg/nabla');
    assert.equal(await cacheDir('mnist'), '/tmp/xdg/nabla/mnist');
    delete process.env['XDG_CACHE_HOME'];
    assert.match(await cacheDir(), /\.cache\/nabla$/);
  } finally {
    if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = saved;
  }
});

test('writeFileAtomic replaces a file whole and creates missing folders', async () => {
  const path = join(dir, 'atomic', 'deep', 'f.txt');
  await writeFileAtomic(path, new TextEncoder().encode('first'));
  await writeFileAtomic(path, new TextEncoder().encode('second'));
  assert.equal(await readFile(path, 'utf8'), 'second');
  assert.deepEqual(await readdir(join(dir, 'atomic', 'deep')), ['f.txt']);
});
