/** Packing tensors into the little-endian payload of a model file, and reading them back. */
import { BYTES_PER_ELEMENT, allocArray, type DType, type TypedArray } from '../core/dtype.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { align8 } from './format.js';
import type { TensorEntry } from './header.js';

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** A tensor to store, with the name it is stored under. */
export interface NamedTensor {
  name: string;
  value: Tensor;
}

/** The bytes of a typed array in little-endian order. */
function littleEndianBytes(data: TypedArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width) {
    for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j]!;
  }
  return out;
}

/**
 * Lays out tensors one after another, each at a multiple of 8, and returns their manifest
 * entries (offsets relative to `start`) with the bytes. Groups packed by several calls share
 * one payload by passing the previous group's end as `start`.
 */
export function packTensors(
  list: readonly NamedTensor[],
  start = 0,
): { entries: TensorEntry[]; bytes: Uint8Array[]; end: number } {
  const entries: TensorEntry[] = [];
  const bytes: Uint8Array[] = [];
  let offset = start;
  for (const { name, value } of list) {
    const data = littleEndianBytes(value.dataSync());
    offset = align8(offset);
    entries.push({
      name,
      shape: [...value.shape],
      dtype: value.dtype,
      offset,
      length: data.length,
    });
    bytes.push(data);
    offset += data.length;
  }
  return { entries, bytes, end: offset };
}

/** Concatenates packed groups into one payload, honouring their offsets. */
export function joinPayload(
  groups: readonly { entries: TensorEntry[]; bytes: Uint8Array[] }[],
  end: number,
): Uint8Array {
  const payload = new Uint8Array(align8(end));
  for (const group of groups) {
    group.entries.forEach((e, i) => payload.set(group.bytes[i]!, e.offset));
  }
  return payload;
}

/** The values of one entry as a fresh typed array (host byte order). */
export function readValues(payload: Uint8Array, entry: TensorEntry): TypedArray {
  const width = BYTES_PER_ELEMENT[entry.dtype];
  const out = allocArray(entry.dtype, entry.length / width);
  const target = new Uint8Array(out.buffer);
  const source = payload.subarray(entry.offset, entry.offset + entry.length);
  if (LITTLE_ENDIAN || width === 1) {
    target.set(source);
  } else {
    for (let i = 0; i < source.length; i += width) {
      for (let j = 0; j < width; j++) target[i + j] = source[i + width - 1 - j]!;
    }
  }
  return out;
}

/** One entry as a new tensor. */
export function readTensor(payload: Uint8Array, entry: TensorEntry): Tensor {
  return tensor(readValues(payload, entry), { shape: entry.shape, dtype: entry.dtype as DType });
}
