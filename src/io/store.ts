/**
 * Where model files go: a `ModelStore` reads and writes whole files' bytes. `resolveStore` turns
 * a path or URL into one: a plain path or `file://` URL (Node), `localstorage://name`,
 * `indexeddb://name` (browsers), `http(s)://…` (load only, through `fetch`).
 */
import { NablaError } from '../core/errors.js';
import { fileStore } from './file-store.js';
import { indexedDbStore, localStorageStore } from './browser-stores.js';

/** A place that holds one model file. */
export interface ModelStore {
  /** Where it is, as messages print it (`/tmp/m.nabla`, `localstorage://m`). */
  readonly location: string;
  /** Replaces the stored bytes (all or nothing where the medium allows). */
  write(bytes: Uint8Array): Promise<void>;
  /** The stored bytes; throws a `NablaError` naming the location when there are none. */
  read(): Promise<Uint8Array>;
}

/** A path, a URL string, a `URL`, or a ready store. */
export type StoreLike = string | URL | ModelStore;

/**
 * A store for a URL, over `fetch`. It can only read: servers differ too much in how they accept
 * uploads for one `write` to suit them all (post the bytes of `serializeModel` yourself).
 */
export function httpStore(url: string, fetchFn: typeof fetch = globalThis.fetch): ModelStore {
  return {
    location: url,
    async write() {
      throw new NablaError(
        'saveModel',
        `cannot save to ${url}: http(s) URLs are load-only; ` +
          'post the bytes of serializeModel(model) yourself',
      );
    },
    async read() {
      if (typeof fetchFn !== 'function') {
        throw new NablaError('loadModel', `cannot load ${url}: fetch is not available`);
      }
      let response: Response;
      try {
        response = await fetchFn(url);
      } catch (err) {
        throw new NablaError('loadModel', `cannot fetch ${url}: ${(err as Error).message}`);
      }
      if (!response.ok) {
        throw new NablaError(
          'loadModel',
          `cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/** Whether a value is a `ModelStore` rather than a path. */
export function isModelStore(value: unknown): value is ModelStore {
  const v = value as Partial<ModelStore> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof URL) &&
    typeof v.read === 'function' &&
    typeof v.write === 'function'
  );
}

/**
 * The store for a path or URL (see the module comment for the schemes).
 *
 * @example resolveStore('indexeddb://my-model'); resolveStore('/tmp/model.nabla');
 */
export function resolveStore(target: StoreLike, op = 'saveModel'): ModelStore {
  if (isModelStore(target)) return target;
  if (target instanceof URL) {
    if (target.protocol === 'file:') return fileStore(decodeURIComponent(target.pathname));
    return resolveStore(target.href, op);
  }
  if (typeof target !== 'string' || target === '') {
    throw new NablaError(
      op,
      `expected a path, a URL or a ModelStore, got ${JSON.stringify(target)}`,
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target)?.[1]?.toLowerCase();
  const rest = target.slice((scheme?.length ?? 0) + 3);
  switch (scheme) {
    case undefined:
      return fileStore(target);
    case 'file':
      return fileStore(decodeURIComponent(new URL(target).pathname));
    case 'localstorage':
      return localStorageStore(rest);
    case 'indexeddb':
      return indexedDbStore(rest);
    case 'http':
    case 'https':
      return httpStore(target);
    default:
      throw new NablaError(
        op,
        `unknown scheme '${scheme}://' in ${target} ` +
          '(use a path, file://, localstorage://, indexeddb:// or http(s)://)',
      );
  }
}
