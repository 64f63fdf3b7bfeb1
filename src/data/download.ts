import { NablaError } from '../core/errors.js';
import { cacheDir, sha256File, writeAtomic } from './cache.js';

/** Options of `download`. */
export interface DownloadOptions {
  /** Expected SHA-256 of the file, hex. A mismatch is refused and nothing is saved. */
  sha256?: string;
  /** Directory to save into. Default: the cache directory (`cacheDir(subdir)`). */
  dir?: string;
  /** Folder inside the cache directory, used when `dir` is not given. */
  subdir?: string;
  /** File name to save as. Default: the last segment of the URL's path. */
  fileName?: string;
  /** Download again even when a file with the right checksum is already there. */
  force?: boolean;
  /** Called as bytes arrive; `total` is the Content-Length when the server sent one. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Aborts the transfer (for example `AbortSignal.timeout(60_000)`). */
  signal?: AbortSignal;
}

/**
 * Downloads `url` into the cache (or `dir`) and returns the saved file's path (Node only).
 *
 * The body is streamed into a temporary file beside the target while its SHA-256 is computed;
 * only when the byte count matches the Content-Length and the checksum matches `sha256` is the
 * file renamed into place. Any failure (HTTP error, connection cut off, short body, wrong
 * checksum) removes the temporary file and throws an error saying what went wrong, so a partial
 * or unverified file is never left under the final name. A file already present with the right
 * checksum is returned without a request.
 *
 * @example
 * const path = await download('https://example.org/t10k-labels-idx1-ubyte.gz', {
 *   subdir: 'mnist',
 *   sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
 * });
 */
export async function download(url: string, options: DownloadOptions = {}): Promise<string> {
  const { join } = await import('node:path');
  const fs = await import('node:fs/promises');
  const dir = options.dir ?? (await cacheDir(options.subdir));
  const fileName = options.fileName ?? fileNameOf(url);
  const target = join(dir, fileName);
  const expected = options.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
    throw new NablaError('download', `sha256 must be 64 hex digits, got '${options.sha256}'`);
  }
  if (options.force !== true && (await isFile(fs, target))) {
    if (expected === undefined || (await sha256File(target)) === expected) return target;
    // A cached copy with the wrong checksum is stale or damaged: fetch it again.
  }

  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal ?? null });
  } catch (err) {
    throw new NablaError('download', `cannot fetch ${url}: ${reason(err)}`);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    const status = `${response.status} ${response.statusText}`.trim();
    throw new NablaError('download', `${url}: the server answered HTTP ${status}`);
  }
  // With a Content-Encoding, fetch decodes the body and Content-Length counts encoded bytes.
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader === null || encoded ? undefined : Number(lengthHeader);

  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  let received = 0;
  await writeAtomic(target, async (handle) => {
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hash.update(value);
        received += value.length;
        await handle.write(value);
        options.onProgress?.(received, total);
      }
    } catch (err) {
      const got = total === undefined ? `${received} bytes` : `${received} of ${total} bytes`;
      const why = reason(err);
      throw new NablaError('download', `${url}: the transfer broke off after ${got} (${why})`);
    }
    if (total !== undefined && received !== total) {
      throw new NablaError(
        'download',
        `${url}: truncated download: received ${received} bytes, Content-Length says ${total}`,
      );
    }
    const actual = hash.digest('hex');
    if (expected !== undefined && actual !== expected) {
      throw new NablaError(
        'download',
        `${url}: checksum mismatch: expected sha256 ${expected}, got ${actual} ` +
          `(${received} bytes); the file was not saved`,
      );
    }
  });
  return target;
}

/** The last segment of a URL's path, which names the saved file. */
function fileNameOf(url: string): string {
  let name = '';
  try {
    name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    throw new NablaError('download', `not a valid URL: '${url}'`);
  }
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    throw new NablaError('download', `cannot take a file name from ${url}; pass fileName`);
  }
  return name;
}

async function isFile(fs: typeof import('node:fs/promises'), path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici hides the socket error (ECONNREFUSED, "other side closed") in `cause`.
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return `${err.message}${detail}`;
}
