import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from './crc32.js';
import {
  FORMAT_VERSION,
  MAGIC,
  PRELUDE_BYTES,
  decodeContainer,
  encodeContainer,
} from './format.js';

const header = { format: 'nabla-model', note: 'héllo' };
const payload = Uint8Array.from({ length: 20 }, (_, i) => i * 7);

function refuses(bytes: Uint8Array, message: RegExp): void {
  assert.throws(
    () => decodeContainer(bytes, 'm.nabla'),
    (err: Error) => {
      assert.match(err.message, message);
      return err.name === 'NablaError';
    },
  );
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.equal(
      crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog')),
      0x414fa339,
    );
  });
});

describe('model file container', () => {
  const file = encodeContainer(header, payload);

  it('lays out magic, version, lengths, header and an 8-aligned payload', () => {
    assert.deepEqual(file.subarray(0, 8), MAGIC);
    const view = new DataView(file.buffer);
    assert.equal(view.getUint32(8, true), FORMAT_VERSION);
    const headerLength = view.getUint32(12, true);
    assert.equal(headerLength, new TextEncoder().encode(JSON.stringify(header)).length);
    assert.equal(Number(view.getBigUint64(16, true)), payload.length);
    const payloadOffset = Math.ceil((PRELUDE_BYTES + headerLength) / 8) * 8;
    assert.equal(file.length, payloadOffset + payload.length);
    assert.equal(view.getUint32(28, true), crc32(payload));
  });

  it('round-trips header and payload, also from an unaligned view', () => {
    const parts = decodeContainer(file);
    assert.deepEqual(parts.header, header);
    assert.deepEqual(parts.payload, payload);
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    assert.deepEqual(decodeContainer(shifted.subarray(3)).payload, payload);
  });

  it('refuses a changed byte anywhere as corrupted', () => {
    // Every byte after the version field is covered: lengths and header by the header checksum,
    // padding by the zero check, payload by its checksum.
    for (let i = 12; i < file.length; i++) {
      const bad = file.slice();
      bad[i] ^= 0x10;
      assert.throws(() => decodeContainer(bad), /corrupted|truncated/, `byte ${i}`);
    }
    const bad = file.slice();
    bad[file.length - 1] ^= 1;
    refuses(bad, /^loadModel: m\.nabla: the file is corrupted: weights checksum mismatch$/);
    const badHeader = file.slice();
    badHeader[PRELUDE_BYTES + 3] ^= 1;
    refuses(badHeader, /the file is corrupted: header checksum mismatch/);
  });

  it('refuses a truncated file, naming the expected and actual sizes', () => {
    refuses(
      file.subarray(0, file.length - 1),
      new RegExp(`the file is truncated: expected ${file.length} bytes, got ${file.length - 1}`),
    );
    refuses(file.subarray(0, 40), /the file is truncated/);
    refuses(file.subarray(0, 20), /truncated: 20 bytes, too short for the 32-byte prelude/);
    refuses(file.subarray(0, 5), /truncated/);
    refuses(new Uint8Array(0), /the file is empty/);
  });

  it('refuses trailing data', () => {
    const longer = new Uint8Array(file.length + 8);
    longer.set(file);
    refuses(longer, /corrupted: expected \d+ bytes, got \d+ \(trailing data\)/);
  });

  it('refuses wrong magic bytes, as from another format or a text-mode copy', () => {
    refuses(
      new TextEncoder().encode('{"format": "keras"}'),
      /not a nabla model file \(wrong magic bytes\)/,
    );
    const textMode = file.slice();
    textMode[6] = 0x0a; // CR LF turned into LF
    refuses(textMode, /wrong magic bytes/);
  });

  it('refuses a newer format version and names both versions', () => {
    const future = encodeContainer(header, payload, FORMAT_VERSION + 1);
    refuses(
      future,
      new RegExp(
        `format version ${FORMAT_VERSION + 1} is newer than this nabla reads ` +
          `\\(up to ${FORMAT_VERSION}\\); upgrade nabla`,
      ),
    );
    refuses(encodeContainer(header, payload, 0), /unknown format version 0/);
  });

  it('refuses a header that is not JSON', () => {
    const bytes = encodeContainer(header, payload);
    // Rewrite the header as invalid JSON of the same length and fix the checksum.
    const broken = encodeContainer(header, payload);
    broken[PRELUDE_BYTES] = 0x3c; // '<'
    const covered = new Uint8Array(16 + (bytes.length - PRELUDE_BYTES));
    const view = new DataView(broken.buffer);
    const headerLength = view.getUint32(12, true);
    covered.set(broken.subarray(8, 24), 0);
    covered.set(broken.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerLength), 16);
    view.setUint32(24, crc32(covered.subarray(0, 16 + headerLength)), true);
    refuses(broken, /the header is not valid JSON/);
  });
});
