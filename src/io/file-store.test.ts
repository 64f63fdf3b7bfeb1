import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Tensor } from '../tensor/index.js';
import {
  fileStore,
  loadModel,
  loadWeights,
  saveModel,
  saveWeights,
  serializeModel,
} from './index.js';
import { smallData, smallSequential, weightValues } from './test-utils/models.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nabla-io-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Loading `bytes` from a file must fail with `message`, and only that. */
async function refusesFile(name: string, bytes: Uint8Array, message: RegExp): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  await assert.rejects(loadModel(path), (err: Error) => {
    assert.equal(err.name, 'NablaError');
    assert.match(err.message, message);
    assert.ok(err.message.includes(path), 'the message names the file');
    return true;
  });
}

describe('model files on disk', () => {
  it('saves and loads a model, creating missing folders', async () => {
    const m = smallSequential();
    const path = join(dir, 'nested', 'deeper', 'm.nabla');
    const { location, bytes } = await saveModel(m, path);
    assert.equal(location, path);
    assert.equal(bytes, (await readFile(path)).length);
    const copy = await loadModel(path);
    const { x } = smallData();
    assert.deepEqual((copy.predict(x) as Tensor).dataSync(), (m.predict(x) as Tensor).dataSync());
    assert.deepEqual(
      await loadModel(new URL(`file://${path}`)).then(weightValues),
      weightValues(m),
    );
  });

  it('saves and loads weights alone', async () => {
    const path = join(dir, 'w.nabla');
    await saveWeights(smallSequential(4), path);
    const target = smallSequential(8);
    await loadWeights(target, path);
    assert.deepEqual(weightValues(target), weightValues(smallSequential(4)));
  });

  it('keeps the old file whole when a save fails mid-write, no temp file left', async () => {
    const path = join(dir, 'atomic.nabla');
    const old = smallSequential(1);
    await saveModel(old, path);
    const oldBytes = await readFile(path);
    const newer = smallSequential(2);
    let written = 0;
    const crashing = fileStore(path, {
      writer: async (handle, bytes) => {
        const half = bytes.subarray(0, bytes.length >> 1);
        written = (await handle.write(half)).bytesWritten;
        throw new Error('disk unplugged');
      },
    });
    await assert.rejects(
      saveModel(newer, crashing),
      /^NablaError: saveModel: cannot write .*atomic\.nabla: disk unplugged$/,
    );
    assert.ok(written > 0, 'the failing writer did write part of the file');
    assert.deepEqual(await readFile(path), oldBytes);
    assert.deepEqual(weightValues(await loadModel(path)), weightValues(old));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.includes('atomic')),
      ['atomic.nabla'],
    );
  });

  it('refuses a file with one corrupted byte: checksum mismatch', async () => {
    const bytes = serializeModel(smallSequential());
    bytes[bytes.length - 5] ^= 0x01;
    await refusesFile('corrupt.nabla', bytes, /the file is corrupted: weights checksum mismatch/);
  });

  it('refuses a truncated file and says so', async () => {
    const bytes = serializeModel(smallSequential());
    await refusesFile(
      'cut.nabla',
      bytes.subarray(0, bytes.length - 100),
      /the file is truncated: expected \d+ bytes, got \d+/,
    );
  });

  it('refuses a file that is not a model file', async () => {
    await refusesFile(
      'notes.nabla',
      new TextEncoder().encode('hello, world\n'),
      /not a nabla model file \(wrong magic bytes\)/,
    );
  });

  it('refuses a file from a newer format version', async () => {
    const bytes = serializeModel(smallSequential());
    new DataView(bytes.buffer).setUint32(8, 2, true);
    await refusesFile(
      'future.nabla',
      bytes,
      /format version 2 is newer than this nabla reads \(up to 1\); upgrade nabla/,
    );
  });

  it('names a missing file plainly', async () => {
    await assert.rejects(
      loadModel(join(dir, 'nope.nabla')),
      /^NablaError: loadModel: cannot read .*nope\.nabla: no such file or directory$/,
    );
  });
});
