import { NablaError } from '../core/errors.js';
import { Random, randomFor } from '../core/random.js';
import { tidy } from '../tensor/index.js';
import {
  disposeAll,
  rowCount,
  rowOf,
  stackRows,
  toHost,
  toTensors,
  type HostContainer,
  type TensorContainer,
} from './host.js';

export type { TensorContainer } from './host.js';

/** Options of `Dataset.batch`. */
export interface BatchOptions {
  /** Leave out a last batch smaller than `batchSize`. Default `false`. */
  dropRemainder?: boolean;
}

/** Options of `Dataset.shuffle`. */
export interface ShuffleOptions {
  /**
   * Shuffle within a sliding buffer of this many elements (as `tf.data` does) instead of the
   * whole dataset; needed for an infinite dataset. Default: the whole dataset.
   */
  bufferSize?: number;
  /** Draw a new order for each pass (each epoch). Default `true`. */
  reshuffleEachIteration?: boolean;
}

/**
 * An in-memory dataset: a sequence of elements (a tensor, an array or an object of tensors,
 * such as `{xs, ys}`) transformed lazily by `batch`, `shuffle`, `map`, `take`, `skip` and
 * `repeat`, like `tf.data.Dataset`. Each transformation returns a new dataset; iterating
 * (`for ... of` or `for await ... of`) runs the pipeline from the start, so every pass (epoch)
 * sees the data again, reshuffled when `shuffle` asks for it.
 *
 * Data lives in plain typed arrays between stages; every element an iteration yields is made of
 * new tensors that the consumer owns and disposes (`fit` does). For training, elements are
 * `{xs, ys}` as in TensorFlow.js, where `xs` (or `ys`) may be an array or object of tensors for
 * a model with several inputs (outputs). `map` after `batch` costs one call per batch instead of
 * one per row.
 *
 * @example
 * const ds = nb.data.fromTensors({ xs: x, ys: y }).shuffle(42).batch(32);
 * for (const { xs, ys } of ds) { ...; xs.dispose(); ys.dispose(); }
 */
export class Dataset<T = TensorContainer> {
  /** @internal Use `fromTensors` or `zip` to make a dataset. */
  constructor(
    /** @internal Starts one pass over the elements, held as host arrays. */
    readonly open: () => Iterator<HostContainer>,
    /** Number of elements one pass yields (`Infinity` for `repeat()` without a count). */
    readonly size: number,
  ) {}

  /**
   * Groups consecutive elements into batches along a new first axis.
   * Shapes: element `[...s]` → batch `[batchSize, ...s]` (the last may be smaller).
   */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<T> {
    checkCount('batch', 'batchSize', batchSize, 1);
    const drop = options.dropRemainder ?? false;
    const open = this.open;
    function* run(): Iterator<HostContainer> {
      let pending: HostContainer[] = [];
      for (const element of iterable(open)) {
        pending.push(element);
        if (pending.length === batchSize) {
          yield stackRows(pending, 'batch');
          pending = [];
        }
      }
      if (pending.length > 0 && !drop) yield stackRows(pending, 'batch');
    }
    const batches = drop ? Math.floor(this.size / batchSize) : Math.ceil(this.size / batchSize);
    return new Dataset<T>(run, batches);
  }

  /**
   * Shuffles the elements, reproducibly when `seed` is given (otherwise the seed is drawn from
   * the global generator, which `setSeed` fixes). Pass `n` of the shuffled dataset is the same
   * on every run with the same seed. Unlike TensorFlow.js, whose first argument is a buffer
   * size, the whole in-memory dataset is shuffled unless `options.bufferSize` is given.
   */
  shuffle(seed?: number, options: ShuffleOptions = {}): Dataset<T> {
    const bufferSize = options.bufferSize;
    if (bufferSize !== undefined) checkCount('shuffle', 'bufferSize', bufferSize, 1);
    if (bufferSize === undefined && this.size === Infinity) {
      throw new NablaError('shuffle', 'an infinite dataset can only be shuffled with a bufferSize');
    }
    const base = seed ?? randomFor().nextUint32();
    const reshuffle = options.reshuffleEachIteration ?? true;
    const passes = new Random(base);
    const open = this.open;
    function* run(): Iterator<HostContainer> {
      const rng = new Random(reshuffle ? passes.nextUint32() : base);
      if (bufferSize === undefined) {
        const all = [...iterable(open)];
        for (const i of rng.permutation(all.length)) yield all[i]!;
        return;
      }
      const buffer: HostContainer[] = [];
      for (const element of iterable(open)) {
        if (buffer.length < bufferSize) {
          buffer.push(element);
          continue;
        }
        const j = rng.int(bufferSize);
        yield buffer[j]!;
        buffer[j] = element;
      }
      while (buffer.length > 0) {
        const j = rng.int(buffer.length);
        yield buffer[j]!;
        buffer[j] = buffer[buffer.length - 1]!;
        buffer.pop();
      }
    }
    return new Dataset<T>(run, this.size);
  }

  /**
   * Applies `fn` to every element. `fn` receives tensors and returns a tensor container;
   * tensors it creates are disposed for you (it runs inside `tidy`), so it must be synchronous.
   */
  map<U extends TensorContainer>(fn: (element: T) => U): Dataset<U> {
    const open = this.open;
    function* run(): Iterator<HostContainer> {
      for (const element of iterable(open)) {
        const result = tidy(() => fn(toTensors(element) as T));
        let host: HostContainer;
        try {
          host = toHost(result, 'map', 'map result');
        } finally {
          disposeAll(result);
        }
        yield host;
      }
    }
    return new Dataset<U>(run, this.size);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkCount('take', 'count', count, 0);
    const open = this.open;
    function* run(): Iterator<HostContainer> {
      if (count === 0) return;
      let n = 0;
      for (const element of iterable(open)) {
        yield element;
        if (++n >= count) return;
      }
    }
    return new Dataset<T>(run, Math.min(this.size, count));
  }

  /** All but the first `count` elements. */
  skip(count: number): Dataset<T> {
    checkCount('skip', 'count', count, 0);
    const open = this.open;
    function* run(): Iterator<HostContainer> {
      let n = 0;
      for (const element of iterable(open)) {
        if (n++ >= count) yield element;
      }
    }
    return new Dataset<T>(run, Math.max(0, this.size - count));
  }

  /** The elements `count` times over (forever when `count` is omitted). */
  repeat(count = Infinity): Dataset<T> {
    if (count !== Infinity) checkCount('repeat', 'count', count, 0);
    const open = this.open;
    const empty = this.size === 0;
    function* run(): Iterator<HostContainer> {
      // An empty dataset repeated forever is still empty, not an endless loop.
      for (let pass = 0; pass < count && !empty; pass++) yield* iterable(open);
    }
    return new Dataset<T>(run, empty ? 0 : this.size * count);
  }

  /** One pass over the elements; each element's tensors are new and yours to dispose. */
  *[Symbol.iterator](): Iterator<T> {
    for (const element of iterable(this.open)) yield toTensors(element) as T;
  }

  /** The same pass as the synchronous iterator, for `for await`. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (const element of this) yield element;
  }

  /** Every element of one pass, as tensors you own. Refuses an infinite dataset. */
  toArray(): T[] {
    if (this.size === Infinity) throw new NablaError('toArray', 'the dataset is infinite');
    return [...this];
  }
}

/**
 * A dataset whose elements are the rows (slices along the first axis) of `data`: a tensor, an
 * array of tensors or an object such as `{xs, ys}`. All tensors must have the same number of
 * rows. The data is copied, so the tensors may be disposed afterwards.
 * Shapes: `[n, ...s]` → `n` elements of shape `[...s]`.
 *
 * @example
 * const ds = nb.data.fromTensors({ xs: x, ys: y }); // x: [100, 64], y: [100] → 100 elements
 */
export function fromTensors<T extends TensorContainer>(data: T): Dataset<T> {
  const host = toHost(data, 'fromTensors', 'data');
  const rows = rowCount(host, 'fromTensors', 'data');
  function* run(): Iterator<HostContainer> {
    for (let i = 0; i < rows; i++) yield rowOf(host, i);
  }
  return new Dataset<T>(run, rows);
}

/**
 * Combines datasets element by element into arrays or objects, stopping with the shortest.
 *
 * @example
 * const ds = nb.data.zip({ xs: images, ys: labels }); // elements {xs, ys}
 */
export function zip<T extends { [key: string]: TensorContainer } | TensorContainer[]>(
  datasets: { [K in keyof T]: Dataset<T[K]> },
): Dataset<T> {
  const entries = Object.entries(datasets as Record<string, Dataset>);
  const isArray = Array.isArray(datasets);
  if (entries.length === 0) throw new NablaError('zip', 'needs at least one dataset');
  function* run(): Iterator<HostContainer> {
    const its = entries.map(([, ds]) => ds.open());
    for (;;) {
      const parts = its.map((it) => it.next());
      if (parts.some((p) => p.done === true)) return;
      const values = parts.map((p) => p.value as HostContainer);
      if (isArray) yield values;
      else yield Object.fromEntries(entries.map(([k], i) => [k, values[i]!]));
    }
  }
  return new Dataset<T>(run, Math.min(...entries.map(([, ds]) => ds.size)));
}

function iterable(open: () => Iterator<HostContainer>): Iterable<HostContainer> {
  return { [Symbol.iterator]: open };
}

function checkCount(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new NablaError(op, `${name} must be an integer >= ${min}, got ${value}`);
  }
}
