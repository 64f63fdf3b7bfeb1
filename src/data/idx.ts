import { NablaError } from '../core/errors.js';
import { readFileBytes, displayPath } from './files.js';
import { maybeGunzip } from './gzip.js';

/** Element types the IDX format can store, named after the typed array that holds them. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array that holds each IDX element type. */
export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** An array read from (or to be written as) an IDX file: row-major `data` of `shape`. */
export interface IdxArray {
  dtype: IdxDType;
  shape: number[];
  data: IdxData;
}

interface IdxType {
  dtype: IdxDType;
  code: number;
  bytes: number;
}

// The type codes of the format (third byte of the magic number), as MNIST's page defines them.
const TYPES: readonly IdxType[] = [
  { dtype: 'uint8', code: 0x08, bytes: 1 },
  { dtype: 'int8', code: 0x09, bytes: 1 },
  { dtype: 'int16', code: 0x0b, bytes: 2 },
  { dtype: 'int32', code: 0x0c, bytes: 4 },
  { dtype: 'float32', code: 0x0d, bytes: 4 },
  { dtype: 'float64', code: 0x0e, bytes: 8 },
];

/**
 * Decodes an uncompressed IDX file (the MNIST format).
 *
 * Layout: two zero bytes, a type code (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
 * 0x0D float32, 0x0E float64), the number of dimensions, one big-endian uint32 per dimension,
 * then the big-endian values in row-major order. A short header, an unknown type, fewer data
 * bytes than the dimensions promise or bytes left over after them are refused with an error that
 * names `source` and says what is wrong.
 *
 * @param bytes - the file's bytes.
 * @param source - a file name for error messages.
 * @example
 * const { shape, data } = decodeIdx(bytes, 't10k-labels-idx1-ubyte'); // shape [10000]
 */
export function decodeIdx(bytes: Uint8Array, source = 'input'): IdxArray {
  const fail = (what: string): never => {
    throw new NablaError('readIdx', `${source}: ${what}`);
  };
  if (bytes.length < 4) {
    fail(`too short for an IDX header (${bytes.length} bytes, need at least 4)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`not an IDX file: the magic number ${hex(bytes.subarray(0, 4))} must start with 00 00`);
  }
  const type = TYPES.find((t) => t.code === bytes[2]);
  if (type === undefined) {
    const known = TYPES.map((t) => `0x${t.code.toString(16).padStart(2, '0')}`).join(', ');
    fail(`unknown IDX type code 0x${bytes[2]!.toString(16).padStart(2, '0')} (known: ${known})`);
  }
  const { dtype, bytes: size } = type!;
  const rank = bytes[3]!;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    fail(
      `header truncated: it declares ${rank} dimensions (${headerBytes} header bytes) ` +
        `but the file has only ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const dataBytes = count * size;
  const available = bytes.length - headerBytes;
  if (available < dataBytes) {
    fail(
      `truncated: the header declares shape [${shape.join(',')}] of ${dtype} ` +
        `(${dataBytes} bytes) but only ${available} bytes follow the header`,
    );
  }
  if (available > dataBytes) {
    fail(
      `corrupt: ${available - dataBytes} unexpected bytes after the data of shape ` +
        `[${shape.join(',')}] (${dtype})`,
    );
  }
  return { dtype, shape, data: readValues(view, headerBytes, count, dtype) };
}

/**
 * Reads an IDX file's bytes, raw or gzip-compressed (recognised by the `1f 8b` magic number).
 *
 * @param bytes - the file's bytes.
 * @param source - a file name for error messages.
 * @example
 * const images = await readIdx(bytes, 'train-images-idx3-ubyte.gz'); // shape [60000, 28, 28]
 */
export async function readIdx(bytes: Uint8Array, source = 'input'): Promise<IdxArray> {
  return decodeIdx(await maybeGunzip(bytes, source), source);
}

/** Reads an IDX file (raw or `.gz`) from disk (Node only). */
export async function readIdxFile(path: string | URL): Promise<IdxArray> {
  return readIdx(await readFileBytes(path, 'readIdx'), displayPath(path));
}

/**
 * Encodes an array as an uncompressed IDX file; `decodeIdx` reads it back unchanged.
 *
 * @example
 * const bytes = encodeIdx({ dtype: 'uint8', shape: [2, 2], data: Uint8Array.of(0, 1, 2, 3) });
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const type = TYPES.find((t) => t.dtype === array.dtype);
  if (type === undefined) throw new NablaError('encodeIdx', `unknown dtype ${array.dtype}`);
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) {
    throw new NablaError(
      'encodeIdx',
      `shape [${array.shape.join(',')}] holds ${count} values but data has ${array.data.length}`,
    );
  }
  if (array.shape.length > 255) throw new NablaError('encodeIdx', 'at most 255 dimensions');
  const headerBytes = 4 + 4 * array.shape.length;
  const out = new Uint8Array(headerBytes + count * type.bytes);
  const view = new DataView(out.buffer);
  out[2] = type.code;
  out[3] = array.shape.length;
  array.shape.forEach((dim, d) => view.setUint32(4 + 4 * d, dim, false));
  for (let i = 0; i < count; i++) {
    const at = headerBytes + i * type.bytes;
    const v = array.data[i]!;
    switch (array.dtype) {
      case 'uint8':
        view.setUint8(at, v);
        break;
      case 'int8':
        view.setInt8(at, v);
        break;
      case 'int16':
        view.setInt16(at, v, false);
        break;
      case 'int32':
        view.setInt32(at, v, false);
        break;
      case 'float32':
        view.setFloat32(at, v, false);
        break;
      case 'float64':
        view.setFloat64(at, v, false);
        break;
    }
  }
  return out;
}

function readValues(view: DataView, offset: number, count: number, dtype: IdxDType): IdxData {
  // Bytes are copied so the result owns its buffer instead of pinning the whole file.
  const start = view.byteOffset + offset;
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer.slice(start, start + count));
    case 'int8':
      return new Int8Array(view.buffer.slice(start, start + count));
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
