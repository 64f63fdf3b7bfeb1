import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fromBase64, toBase64 } from './base64.js';
import {
  deserializeModel,
  indexedDbStore,
  loadModel,
  localStorageKey,
  localStorageStore,
  resolveStore,
  saveModel,
  serializeModel,
} from './index.js';
import { smallSequential, weightValues } from './test-utils/models.js';

/** A `localStorage` stand-in: a Map, with an optional quota like a browser's. */
class FakeStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) {
      throw new Error('QuotaExceededError: the quota has been exceeded');
    }
    this.items.set(key, value);
  }
}

/** Just enough of IndexedDB (open, upgrade, one store, put/get in transactions), async like it. */
function fakeIndexedDB(): IDBFactory {
  const stores = new Map<string, Map<unknown, unknown>>();
  let created = false;
  const later = (fn: () => void): void => void setTimeout(fn, 0);
  const request = (result: () => unknown, tx?: { pending: number; done: () => void }) => {
    const req: Record<string, unknown> = {};
    later(() => {
      req['result'] = result();
      (req['onsuccess'] as (() => void) | undefined)?.();
      if (tx && --tx.pending === 0) tx.done();
    });
    return req;
  };
  const db = {
    objectStoreNames: { contains: (n: string) => stores.has(n) },
    createObjectStore: (n: string) => stores.set(n, new Map()),
    close: () => undefined,
    transaction: (name: string) => {
      const tx: Record<string, unknown> & { pending: number; done: () => void } = {
        pending: 0,
        done: () => later(() => (tx['oncomplete'] as () => void)()),
        objectStore: () => ({
          put: (value: unknown, key: unknown) => (
            tx.pending++,
            request(() => void stores.get(name)!.set(key, value), tx)
          ),
          get: (key: unknown) => (tx.pending++, request(() => stores.get(name)!.get(key), tx)),
        }),
      };
      return tx;
    },
  };
  return {
    open: () => {
      const req: Record<string, unknown> = { result: db };
      later(() => {
        if (!created) (req['onupgradeneeded'] as () => void)();
        created = true;
        (req['onsuccess'] as () => void)();
      });
      return req;
    },
  } as unknown as IDBFactory;
}

describe('base64', () => {
  it('round-trips every byte value, and long inputs', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 255);
    assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
    assert.equal(toBase64(Uint8Array.of(0, 255, 1)), 'AP8B');
  });
});

describe('browser stores', () => {
  it('saves to and loads from localStorage as base64', async () => {
    const storage = new FakeStorage();
    const m = smallSequential();
    await saveModel(m, localStorageStore('digits', storage));
    const text = storage.getItem(localStorageKey('digits'))!;
    assert.deepEqual(fromBase64(text), serializeModel(m));
    assert.deepEqual(
      weightValues(await loadModel(localStorageStore('digits', storage))),
      weightValues(m),
    );
  });

  it('keeps the old model when the quota is exceeded, and names missing ones', async () => {
    const first = smallSequential(1);
    const storage = new FakeStorage(toBase64(serializeModel(first)).length);
    await saveModel(first, localStorageStore('m', storage));
    const before = storage.getItem(localStorageKey('m'));
    const bigger = smallSequential(2);
    // Compiling adds a training config: the file grows past the quota.
    bigger.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await assert.rejects(
      saveModel(bigger, localStorageStore('m', storage)),
      /^NablaError: saveModel: cannot save localstorage:\/\/m \(\d+ bytes\): QuotaExceededError/,
    );
    assert.equal(storage.getItem(localStorageKey('m')), before);
    assert.deepEqual(
      weightValues(await loadModel(localStorageStore('m', storage))),
      weightValues(first),
    );
    await assert.rejects(
      loadModel(localStorageStore('other', storage)),
      /no model saved at localstorage:\/\/other/,
    );
    storage.items.set(localStorageKey('bad'), '@@not base64@@');
    await assert.rejects(
      loadModel(localStorageStore('bad', storage)),
      /localstorage:\/\/bad: the stored text is not base64/,
    );
  });

  it('saves to and loads from IndexedDB as one ArrayBuffer', async () => {
    const idb = fakeIndexedDB();
    const m = smallSequential();
    await saveModel(m, indexedDbStore('digits', idb));
    assert.deepEqual(weightValues(await loadModel(indexedDbStore('digits', idb))), weightValues(m));
    await assert.rejects(
      loadModel(indexedDbStore('none', idb)),
      /no model saved at indexeddb:\/\/none/,
    );
  });

  it('says when the browser storage does not exist here', async () => {
    await assert.rejects(
      loadModel('localstorage://m'),
      /cannot use localstorage:\/\/m: localStorage is not available here/,
    );
    await assert.rejects(
      loadModel('indexeddb://m'),
      /cannot use indexeddb:\/\/m: IndexedDB is not available here/,
    );
  });

  it('resolves schemes and refuses unknown ones', () => {
    assert.equal(resolveStore('localstorage://a').location, 'localstorage://a');
    assert.equal(resolveStore('indexeddb://b').location, 'indexeddb://b');
    assert.equal(
      resolveStore('https://example.org/m.nabla').location,
      'https://example.org/m.nabla',
    );
    assert.equal(resolveStore('out/m.nabla').location, 'out/m.nabla');
    assert.throws(() => resolveStore('ftp://host/m'), /unknown scheme 'ftp:\/\/'/);
    assert.throws(() => resolveStore('localstorage://'), /needs a model name/);
  });
});

describe('http(s) loading', () => {
  let server: Server;
  let base = '';
  const bytes = serializeModel(smallSequential(7));
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/m.nabla') res.end(Buffer.from(bytes));
      else if (req.url === '/cut.nabla') res.end(Buffer.from(bytes.subarray(0, 50)));
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a model by URL from a local server', async () => {
    assert.deepEqual(
      weightValues(await loadModel(`${base}/m.nabla`)),
      weightValues(deserializeModel(bytes)),
    );
  });

  it('reports HTTP errors and truncated bodies, and refuses to save', async () => {
    await assert.rejects(
      loadModel(`${base}/missing.nabla`),
      /cannot fetch http:\/\/127\.0\.0\.1:\d+\/missing\.nabla: HTTP 404 Not Found/,
    );
    await assert.rejects(loadModel(`${base}/cut.nabla`), /cut\.nabla: the file is truncated/);
    await assert.rejects(
      saveModel(smallSequential(), `${base}/m.nabla`),
      /http\(s\) URLs are load-only/,
    );
  });
});
