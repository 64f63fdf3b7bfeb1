import { NablaError } from '../core/errors.js';

/** Whether `bytes` starts with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip `bytes`.
 *
 * Uses the `DecompressionStream` that Node 18+ and browsers provide, so this module pulls in no
 * Node-only import. Truncated or corrupt input is refused with an error naming `source`.
 *
 * @param bytes - the compressed bytes (must start with `1f 8b`).
 * @param source - a file name or URL, used only in error messages.
 * @example
 * const raw = await gunzip(await readFile('train-images-idx3-ubyte.gz'), 'train-images');
 */
export async function gunzip(bytes: Uint8Array, source = 'input'): Promise<Uint8Array> {
  if (!isGzip(bytes)) {
    throw new NablaError('gunzip', `${source}: not gzip data (it does not start with 1f 8b)`);
  }
  // Copy into a fresh ArrayBuffer-backed view: Blob wants an ArrayBuffer, not a shared one.
  const blob = new Blob([new Uint8Array(bytes)]);
  const stream = blob.stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new NablaError('gunzip', `${source}: corrupt or truncated gzip data (${why})`);
  }
}

/** Decompresses `bytes` when they are gzip (by magic number), else returns them unchanged. */
export async function maybeGunzip(bytes: Uint8Array, source = 'input'): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, source) : bytes;
}
