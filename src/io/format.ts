/**
 * The container of a `.nabla` file: a fixed 32-byte prelude, a JSON header, and one binary
 * payload of little-endian weights. This file knows bytes only; what the header means lives in
 * `header.ts`.
 *
 * ```
 * offset  size  field
 *      0     8  magic: 0x89 'N' 'A' 'B' 'L' 'A' '\r' '\n'
 *      8     4  format version, uint32 LE (this nabla writes FORMAT_VERSION)
 *     12     4  header length in bytes, uint32 LE
 *     16     8  payload length in bytes, uint64 LE
 *     24     4  CRC-32 of bytes 8..24 (version and lengths) followed by the header
 *     28     4  CRC-32 of the payload bytes
 *     32     h  header: UTF-8 JSON
 *      …        zero padding to a multiple of 8
 *      p     n  payload: weights, each starting at a multiple of 8
 * ```
 *
 * The magic's first byte is not ASCII and it ends in CR LF, as PNG's does, so a file mangled by
 * a text-mode transfer is caught at once.
 */
import { NablaError } from '../core/errors.js';
import { crc32 } from './crc32.js';

/** The first 8 bytes of every model file. */
export const MAGIC = Uint8Array.of(0x89, 0x4e, 0x41, 0x42, 0x4c, 0x41, 0x0d, 0x0a);
/** The format version this nabla writes. It reads every version from 1 to this one. */
export const FORMAT_VERSION = 1;
/** Size of the fixed prelude before the header. */
export const PRELUDE_BYTES = 32;

/** A decoded container: the version, the parsed (not yet validated) header and the payload. */
export interface ModelFileParts {
  version: number;
  header: unknown;
  payload: Uint8Array;
}

/** Rounds `n` up to a multiple of 8, so that every weight can be viewed as a typed array. */
export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Builds a file from a header object and a payload. */
export function encodeContainer(
  header: unknown,
  payload: Uint8Array,
  version = FORMAT_VERSION,
): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const payloadOffset = align8(PRELUDE_BYTES + headerBytes.length);
  const out = new Uint8Array(payloadOffset + payload.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, version, true);
  view.setUint32(12, headerBytes.length, true);
  view.setBigUint64(16, BigInt(payload.length), true);
  out.set(headerBytes, PRELUDE_BYTES);
  view.setUint32(24, headerChecksum(out, headerBytes.length), true);
  view.setUint32(28, crc32(payload), true);
  out.set(payload, payloadOffset);
  return out;
}

/**
 * Reads and verifies a file's container: magic, version, lengths and both checksums, in that
 * order, so the error names the first thing that is wrong. Throws a `NablaError` from `op`
 * mentioning `source`; returns the header parsed but not validated.
 */
export function decodeContainer(
  bytes: Uint8Array,
  source = 'model file',
  op = 'loadModel',
): ModelFileParts {
  const fail = (why: string): never => {
    throw new NablaError(op, `${source}: ${why}`);
  };
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    if (bytes.length === 0) fail('the file is empty');
    if (
      bytes.length < MAGIC.length &&
      MAGIC.subarray(0, bytes.length).every((b, i) => bytes[i] === b)
    ) {
      fail(
        `the file is truncated: ${bytes.length} bytes, too short for the ` +
          `${PRELUDE_BYTES}-byte prelude`,
      );
    }
    fail('not a nabla model file (wrong magic bytes)');
  }
  if (bytes.length < PRELUDE_BYTES) {
    fail(
      `the file is truncated: ${bytes.length} bytes, too short for the ` +
        `${PRELUDE_BYTES}-byte prelude`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version > FORMAT_VERSION) {
    fail(
      `format version ${version} is newer than this nabla reads (up to ${FORMAT_VERSION}); ` +
        'upgrade nabla',
    );
  }
  if (version < 1) fail(`unknown format version ${version}`);
  const headerLength = view.getUint32(12, true);
  const payloadLength = Number(view.getBigUint64(16, true));
  const headerEnd = PRELUDE_BYTES + headerLength;
  const payloadOffset = align8(headerEnd);
  const expected = payloadOffset + payloadLength;
  // The header checksum covers the lengths too, so a damaged length reads as corruption, not as
  // truncation; it can only be checked once the whole header is there.
  if (
    headerEnd <= bytes.length &&
    headerChecksum(bytes, headerLength) !== view.getUint32(24, true)
  ) {
    fail('the file is corrupted: header checksum mismatch');
  }
  if (bytes.length < expected) {
    fail(`the file is truncated: expected ${expected} bytes, got ${bytes.length}`);
  }
  if (bytes.length > expected) {
    fail(`the file is corrupted: expected ${expected} bytes, got ${bytes.length} (trailing data)`);
  }
  if (bytes.subarray(headerEnd, payloadOffset).some((b) => b !== 0)) {
    fail('the file is corrupted: nonzero padding after the header');
  }
  const headerBytes = bytes.subarray(PRELUDE_BYTES, headerEnd);
  const payload = bytes.subarray(payloadOffset, expected);
  if (crc32(payload) !== view.getUint32(28, true)) {
    fail('the file is corrupted: weights checksum mismatch');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (err) {
    fail(`the header is not valid JSON (${(err as Error).message})`);
  }
  return { version, header, payload };
}

/** CRC-32 of the prelude's version and length fields (bytes 8..24) followed by the header. */
function headerChecksum(file: Uint8Array, headerLength: number): number {
  const covered = new Uint8Array(16 + headerLength);
  covered.set(file.subarray(8, 24), 0);
  covered.set(file.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerLength), 16);
  return crc32(covered);
}
