/**
 * Where the training and evaluation loops get their batches: slices of in-memory tensors
 * (shuffled by one `gather` per tensor), or the elements of a dataset.
 */
import { NablaError } from '../core/errors.js';
import type { Random } from '../core/random.js';
import { gather, slice, type Tensor } from '../tensor/index.js';
import { disposeBatch, parseElement, type Batch, type FitDataset } from './data-adapter.js';

/** A source of batches for one loop; `next` returns null at the end of an epoch. */
export interface BatchSource {
  /** Batches per epoch, or null when unknown. */
  readonly steps: number | null;
  /** Starts an epoch (reshuffles in-memory data). */
  startEpoch(): void;
  next(): Batch | null | Promise<Batch | null>;
  /** Frees a batch once its step is done. */
  release(batch: Batch): void;
  /** True when a dataset ran out before `stepsPerEpoch` batches. */
  readonly ranOut: boolean;
}

/** Batches of in-memory tensors, in order or in a fresh random order each epoch. */
export class ArraySource implements BatchSource {
  readonly steps: number;
  readonly ranOut = false;
  private order: Int32Array | null = null;
  private cursor = 0;
  private step = 0;

  constructor(
    private readonly xs: readonly Tensor[],
    private readonly ys: readonly Tensor[] | null,
    private readonly sampleWeight: Tensor | null,
    private readonly n: number,
    private readonly batchSize: number,
    private readonly rng: Random | null,
    stepsPerEpoch?: number,
  ) {
    const full = Math.ceil(n / batchSize);
    this.steps = stepsPerEpoch === undefined ? full : Math.min(full, stepsPerEpoch);
  }

  startEpoch(): void {
    this.cursor = 0;
    this.step = 0;
    if (this.rng) this.order = this.rng.permutation(this.n);
  }

  next(): Batch | null {
    if (this.step >= this.steps || this.cursor >= this.n) return null;
    const start = this.cursor;
    const end = Math.min(this.n, start + this.batchSize);
    this.cursor = end;
    this.step++;
    let take: (t: Tensor) => Tensor;
    if (this.order) {
      // gather copies the indices, so a view into the permutation is enough.
      const indices = this.order.subarray(start, end) as unknown as number[];
      take = (t) => gather(t, indices);
    } else if (start === 0 && end === this.n) {
      take = (t) => slice(t, [0]);
    } else {
      take = (t) => slice(t, [start], [end]);
    }
    return {
      xs: this.xs.map(take),
      ys: this.ys ? this.ys.map(take) : null,
      sampleWeight: this.sampleWeight ? take(this.sampleWeight) : null,
    };
  }

  release(batch: Batch): void {
    disposeBatch(batch);
  }
}

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>;

/**
 * The elements of a dataset. Each epoch reads it from the start, unless `stepsPerEpoch` is set:
 * then, as in Keras, one iterator runs across epochs and training stops if it runs out.
 */
export class DatasetSource implements BatchSource {
  readonly steps: number | null;
  ranOut = false;
  private iterator: AnyIterator | null = null;
  private isAsync = false;
  private step = 0;
  private readonly ownsBatches: boolean;

  constructor(
    private readonly data: FitDataset,
    private readonly xNames: readonly string[],
    private readonly yNames: readonly string[],
    private readonly withTargets: boolean,
    private readonly op: string,
    private readonly stepsPerEpoch?: number,
  ) {
    const size = (data as { size?: unknown }).size;
    const known = Array.isArray(data)
      ? data.length
      : typeof size === 'number' && Number.isFinite(size)
        ? size
        : null;
    this.steps = stepsPerEpoch ?? known;
    this.ownsBatches = !Array.isArray(data);
  }

  startEpoch(): void {
    this.step = 0;
    if (this.stepsPerEpoch !== undefined && this.iterator) return;
    // Prefer the synchronous protocol when both exist: no await per batch.
    if (Symbol.iterator in this.data) {
      this.iterator = (this.data as Iterable<unknown>)[Symbol.iterator]();
      this.isAsync = false;
    } else if (Symbol.asyncIterator in this.data) {
      this.iterator = (this.data as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      this.isAsync = true;
    } else {
      throw new NablaError(this.op, 'the dataset is neither iterable nor async-iterable');
    }
  }

  next(): Batch | null | Promise<Batch | null> {
    if (this.stepsPerEpoch !== undefined && this.step >= this.stepsPerEpoch) return null;
    this.step++;
    const result = this.iterator!.next();
    if (this.isAsync) return (result as Promise<IteratorResult<unknown>>).then((r) => this.read(r));
    return this.read(result as IteratorResult<unknown>);
  }

  private read(r: IteratorResult<unknown>): Batch | null {
    if (r.done) {
      if (this.stepsPerEpoch !== undefined) this.ranOut = true;
      return null;
    }
    return parseElement(r.value, this.xNames, this.yNames, this.withTargets, this.op);
  }

  release(batch: Batch): void {
    if (this.ownsBatches) disposeBatch(batch);
  }
}
