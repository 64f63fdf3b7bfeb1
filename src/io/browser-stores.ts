/** Model files in browser storage: `localStorage` (base64 text) and IndexedDB (binary). */
import { NablaError } from '../core/errors.js';
import { fromBase64, toBase64 } from './base64.js';
import type { ModelStore } from './store.js';

/** The part of the Web Storage API that `localStorageStore` uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The `localStorage` key under which a model named `name` is kept. */
export function localStorageKey(name: string): string {
  return `nabla-model:${name}`;
}

function checkName(name: string, scheme: string): void {
  if (name === '') {
    throw new NablaError('saveModel', `${scheme}:// needs a model name, e.g. ${scheme}://my-model`);
  }
}

/**
 * A model kept in `localStorage` (or any object with `getItem`/`setItem`) as base64 text under
 * the key `nabla-model:<name>`. `setItem` replaces the value in one step, so a failed save
 * leaves the old model. Browsers allow about 5 MB per origin, and base64 adds a third: use
 * IndexedDB for models over about 3 MB.
 */
export function localStorageStore(name: string, storage?: KeyValueStorage): ModelStore {
  checkName(name, 'localstorage');
  const location = `localstorage://${name}`;
  const resolve = (op: string): KeyValueStorage => {
    const s = storage ?? (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!s) throw new NablaError(op, `cannot use ${location}: localStorage is not available here`);
    return s;
  };
  return {
    location,
    async write(bytes) {
      try {
        resolve('saveModel').setItem(localStorageKey(name), toBase64(bytes));
      } catch (err) {
        if (err instanceof NablaError) throw err;
        throw new NablaError(
          'saveModel',
          `cannot save ${location} (${bytes.length} bytes): ${(err as Error).message}`,
        );
      }
    },
    async read() {
      const text = resolve('loadModel').getItem(localStorageKey(name));
      if (text === null) throw new NablaError('loadModel', `no model saved at ${location}`);
      try {
        return fromBase64(text);
      } catch {
        throw new NablaError('loadModel', `${location}: the stored text is not base64: corrupted`);
      }
    },
  };
}

/** The IndexedDB database and object store that `indexedDbStore` uses. */
export const INDEXED_DB = { database: 'nabla', store: 'models' } as const;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(INDEXED_DB.database, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(INDEXED_DB.store)) {
      req.result.createObjectStore(INDEXED_DB.store);
    }
  };
  return request(req);
}

/** Runs one request in a transaction and waits for the transaction to commit. */
async function transact<T>(
  factory: IDBFactory,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase(factory);
  try {
    const tx = db.transaction(INDEXED_DB.store, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = await request(fn(tx.objectStore(INDEXED_DB.store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/**
 * A model kept in IndexedDB (database `nabla`, object store `models`, key `<name>`) as one
 * `ArrayBuffer`, written in a single transaction: all or nothing.
 */
export function indexedDbStore(name: string, factory?: IDBFactory): ModelStore {
  checkName(name, 'indexeddb');
  const location = `indexeddb://${name}`;
  const resolve = (op: string): IDBFactory => {
    const f = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!f) throw new NablaError(op, `cannot use ${location}: IndexedDB is not available here`);
    return f;
  };
  return {
    location,
    async write(bytes) {
      const f = resolve('saveModel');
      const copy = bytes.slice().buffer;
      try {
        await transact(f, 'readwrite', (s) => s.put(copy, name));
      } catch (err) {
        throw new NablaError('saveModel', `cannot save ${location}: ${(err as Error).message}`);
      }
    },
    async read() {
      const f = resolve('loadModel');
      let value: unknown;
      try {
        value = await transact(f, 'readonly', (s) => s.get(name));
      } catch (err) {
        throw new NablaError('loadModel', `cannot read ${location}: ${(err as Error).message}`);
      }
      if (value === undefined) throw new NablaError('loadModel', `no model saved at ${location}`);
      if (!(value instanceof ArrayBuffer)) {
        throw new NablaError('loadModel', `${location} does not hold a model file`);
      }
      return new Uint8Array(value);
    },
  };
}
