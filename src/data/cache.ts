import { NablaError } from '../core/errors.js';
import { describeFsError } from './files.js';

/**
 * The directory where nabla keeps downloaded files: `$XDG_CACHE_HOME/nabla` when that variable
 * is set, otherwise `~/.cache/nabla` (Node only).
 *
 * @param subdir - an optional folder inside it, such as `'fashion-mnist'`.
 * @example
 * await cacheDir('mnist'); // '/home/ada/.cache/nabla/mnist'
 */
export async function cacheDir(subdir?: string): Promise<string> {
  const { join } = await import('node:path');
  const { homedir } = await import('node:os');
  const xdg = process.env['XDG_CACHE_HOME'];
  const root = xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache');
  const base = join(root, 'nabla');
  return subdir === undefined ? base : join(base, subdir);
}

/**
 * Writes `bytes` to `path` atomically: into a temporary file in the same directory, flushed to
 * disk, then renamed over `path`. A reader sees the old file or the whole new one, never a part,
 * and a crash leaves no partial `path` behind. Creates missing parent directories.
 *
 * @example
 * await writeFileAtomic('/tmp/model.nabla', bytes);
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeAtomic(path, async (handle) => {
    await handle.write(bytes);
  });
}

/**
 * The atomic-write protocol with the writing left to `fill`, which receives the open temporary
 * file. If `fill` throws, the temporary file is removed and the error passes through.
 */
export async function writeAtomic(
  path: string,
  fill: (handle: import('node:fs/promises').FileHandle) => Promise<void>,
): Promise<void> {
  const fs = await import('node:fs/promises');
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw new NablaError('writeFile', `cannot create directory ${dir}: ${describeFsError(err)}`);
  }
  // Same directory as the target, so the final rename never crosses file systems.
  const suffix = `${process.pid}.${Math.random().toString(36).slice(2, 10)}.part`;
  const temp = join(dir, `.${basename(path)}.${suffix}`);
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await fill(handle);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (err instanceof NablaError) throw err;
    throw new NablaError('writeFile', `cannot write ${path}: ${describeFsError(err)}`);
  }
}

/** The SHA-256 of `bytes` as lowercase hex (Node only). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SHA-256 of a file as lowercase hex, read in chunks (Node only). */
export async function sha256File(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Uint8Array);
  return hash.digest('hex');
}
