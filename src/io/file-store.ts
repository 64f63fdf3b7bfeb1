/** Model files on disk (Node), written atomically. */
import { NablaError } from '../core/errors.js';
import type { ModelStore } from './store.js';

/** How bytes reach the open temporary file; tests inject one that fails part-way. */
export type FileWriter = (
  handle: import('node:fs/promises').FileHandle,
  bytes: Uint8Array,
) => Promise<void>;

/** Options of `fileStore`. */
export interface FileStoreOptions {
  /** Writes the bytes into the temporary file. Default: one `handle.write`. */
  writer?: FileWriter;
}

function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return err instanceof Error ? err.message : String(err);
}

/**
 * A model file at `path`. Writing is atomic: the bytes go to a temporary file in the same
 * directory, which is flushed to disk (`fsync`) and then renamed over `path`, so a crash or an
 * error mid-save leaves the previous file whole, and a reader never sees half a file. Missing
 * parent directories are created. `node:fs` is loaded on first use, so that browser bundles
 * that never touch files need not provide it.
 */
export function fileStore(path: string, options: FileStoreOptions = {}): ModelStore {
  const writer: FileWriter =
    options.writer ?? (async (handle, bytes) => void (await handle.write(bytes)));
  return {
    location: path,
    async write(bytes) {
      const fs = await import('node:fs/promises');
      const { dirname, basename, join } = await import('node:path');
      const dir = dirname(path);
      try {
        await fs.mkdir(dir, { recursive: true });
      } catch (err) {
        throw new NablaError('saveModel', `cannot create directory ${dir}: ${fsReason(err)}`);
      }
      const temp = join(
        dir,
        `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
      );
      let handle: import('node:fs/promises').FileHandle | undefined;
      try {
        handle = await fs.open(temp, 'wx');
        await writer(handle, bytes);
        await handle.sync();
        await handle.close();
        handle = undefined;
        await fs.rename(temp, path);
      } catch (err) {
        await handle?.close().catch(() => undefined);
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw new NablaError('saveModel', `cannot write ${path}: ${fsReason(err)}`);
      }
      // Make the rename itself durable where the platform allows syncing a directory.
      const dirHandle = await fs.open(dir, 'r').catch(() => undefined);
      await dirHandle?.sync().catch(() => undefined);
      await dirHandle?.close().catch(() => undefined);
    },
    async read() {
      const { readFile } = await import('node:fs/promises');
      try {
        const buffer = await readFile(path);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (err) {
        throw new NablaError('loadModel', `cannot read ${path}: ${fsReason(err)}`);
      }
    },
  };
}
