import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeIdx, encodeIdx, readIdx, type IdxArray } from './idx.js';

// A 2x3 uint8 array written by hand: magic 00 00 08 02, dims 2 and 3, then the six values.
const HAND_MADE = Uint8Array.of(0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 250, 251, 255);

test('decodeIdx reads a hand-made uint8 file', () => {
  const a = decodeIdx(HAND_MADE);
  assert.equal(a.dtype, 'uint8');
  assert.deepEqual(a.shape, [2, 3]);
  assert.ok(a.data instanceof Uint8Array);
  assert.deepEqual([...a.data], [1, 2, 3, 250, 251, 255]);
});

test('decodeIdx reads big-endian int32 and float32 values', () => {
  const int32 = Uint8Array.of(0, 0, 0x0c, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0);
  assert.deepEqual([...decodeIdx(int32).data], [-2, 256]);
  // 1.5 as a big-endian float32 is 3f c0 00 00.
  const float32 = Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0);
  assert.deepEqual([...decodeIdx(float32).data], [1.5]);
});

test('encodeIdx and decodeIdx round-trip every dtype', () => {
  const cases: IdxArray[] = [
    { dtype: 'uint8', shape: [3, 1, 2], data: Uint8Array.of(0, 1, 2, 127, 128, 255) },
    { dtype: 'int8', shape: [4], data: Int8Array.of(-128, -1, 0, 127) },
    { dtype: 'int16', shape: [2, 2], data: Int16Array.of(-32768, -1, 1, 32767) },
    { dtype: 'int32', shape: [3], data: Int32Array.of(-2147483648, 0, 2147483647) },
    { dtype: 'float32', shape: [2], data: Float32Array.of(-0.25, 3.4e38) },
    { dtype: 'float64', shape: [1, 2], data: Float64Array.of(Math.PI, -1e-300) },
  ];
  for (const c of cases) {
    const back = decodeIdx(encodeIdx(c));
    assert.equal(back.dtype, c.dtype);
    assert.deepEqual(back.shape, c.shape);
    assert.equal(back.data.constructor, c.data.constructor);
    assert.deepEqual([...back.data], [...c.data]);
  }
  assert.deepEqual([...encodeIdx(decodeIdx(HAND_MADE))], [...HAND_MADE]);
});

test('readIdx reads gzip-compressed files, recognised by their magic number', async () => {
  const a = await readIdx(new Uint8Array(gzipSync(HAND_MADE)), 'x.gz');
  assert.deepEqual(a.shape, [2, 3]);
  assert.deepEqual([...a.data], [1, 2, 3, 250, 251, 255]);
  const raw = await readIdx(HAND_MADE);
  assert.deepEqual([...raw.data], [...a.data]);
});

test('decodeIdx names the file and the problem for corrupt headers', () => {
  assert.throws(
    () => decodeIdx(Uint8Array.of(0, 0), 'a.idx'),
    /a\.idx: too short for an IDX header/,
  );
  assert.throws(
    () => decodeIdx(Uint8Array.of(0x50, 0x4b, 3, 4, 0), 'b.idx'),
    /b\.idx: not an IDX file: the magic number 50 4b 03 04/,
  );
  assert.throws(
    () => decodeIdx(Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 0)),
    /unknown IDX type code 0x0a/,
  );
  assert.throws(
    () => decodeIdx(Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1), 'c.idx'),
    /c\.idx: header truncated: it declares 3 dimensions \(16 header bytes\)/,
  );
});

test('decodeIdx refuses truncated data and trailing bytes', () => {
  assert.throws(
    () => decodeIdx(HAND_MADE.subarray(0, HAND_MADE.length - 1), 'train-images'),
    /train-images: truncated: the header declares shape \[2,3\] of uint8 \(6 bytes\) but only 5/,
  );
  const longer = Uint8Array.of(...HAND_MADE, 9, 9);
  assert.throws(() => decodeIdx(longer), /corrupt: 2 unexpected bytes after the data/);
  // Dimensions far beyond the file must fail on the length check, not by allocating.
  const huge = Uint8Array.of(0, 0, 0x0e, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
  assert.throws(() => decodeIdx(huge), /truncated/);
});

test('readIdx refuses a truncated gzip file', async () => {
  const gz = gzipSync(HAND_MADE);
  await assert.rejects(
    readIdx(new Uint8Array(gz.subarray(0, gz.length - 6)), 'labels.gz'),
    /labels\.gz: corrupt or truncated gzip data/,
  );
});

test('encodeIdx checks that shape and data agree', () => {
  assert.throws(
    () => encodeIdx({ dtype: 'uint8', shape: [2, 2], data: new Uint8Array(3) }),
    /shape \[2,2\] holds 4 values but data has 3/,
  );
});
