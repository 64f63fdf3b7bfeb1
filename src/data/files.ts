import { NablaError } from '../core/errors.js';

/**
 * Reads a whole file into memory (Node only).
 *
 * `node:fs` is imported on first use rather than at the top, so that modules which only offer
 * file reading as a convenience stay loadable in a browser.
 *
 * @param path - a file path or `file:` URL.
 * @param op - the calling function's name, for the error message.
 */
export async function readFileBytes(path: string | URL, op = 'readFile'): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (err) {
    throw new NablaError(op, `cannot read ${displayPath(path)}: ${describeFsError(err)}`);
  }
}

/** Whether `path` names an existing regular file (Node only). */
export async function fileExists(path: string | URL): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A path or URL as a person reads it in a message. */
export function displayPath(path: string | URL): string {
  if (typeof path === 'string') return path;
  return path.protocol === 'file:' ? decodeURIComponent(path.pathname) : path.href;
}

/** The short reason in a Node file-system error ("no such file", not a stack). */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}
