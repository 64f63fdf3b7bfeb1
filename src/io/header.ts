/**
 * The JSON header of a model file (format version 1): what the model is, how it was compiled,
 * and where each weight lies in the payload. `validateHeader` checks every field and every byte
 * range before anything is built, so a bad file is refused whole.
 */
import { BYTES_PER_ELEMENT, isDType, type DType } from '../core/dtype.js';

/** Where one tensor lies in the payload. */
export interface TensorEntry {
  /** The tensor's name: `layerName/weightName` for weights, the slot's name for optimizer state. */
  name: string;
  shape: number[];
  dtype: DType;
  /** Byte offset from the start of the payload (a multiple of 8). */
  offset: number;
  /** Byte length: the shape's size times the dtype's width. */
  length: number;
}

/** A model weight: a tensor entry and the top-level layer that owns it. */
export interface WeightEntry extends TensorEntry {
  /** Name of the model's layer that holds the weight; `loadWeights` matches on it. */
  layer: string;
}

/** A serialised object: a registered class name and its config. */
export interface ClassConfig {
  className: string;
  config: Record<string, unknown>;
}

/** How the model was compiled, enough to compile it again. */
export interface TrainingConfig {
  optimizer: ClassConfig;
  /** The loss as compile accepted it, serialised: a name, a class config, or a list/map of them. */
  loss: unknown;
  metrics?: unknown;
  lossWeights?: unknown;
}

/** The optimizer's state, so training resumes exactly. */
export interface OptimizerState {
  /** The names of the variables, in the order the optimizer first saw them. */
  variables: string[];
  /** Its state tensors, in `optimizer.getWeights()` order. */
  weights: TensorEntry[];
}

/** The header of format version 1 (the current one). */
export interface ModelFileHeader {
  format: 'nabla-model';
  /** `'model'`: architecture and weights; `'weights'`: weights only (`saveWeights`). */
  kind: 'model' | 'weights';
  /** The nabla version that wrote the file (informative). */
  nablaVersion: string;
  /** The model's architecture, as `model.toJSON()` returns it; null for weights-only files. */
  model: ClassConfig | null;
  training: TrainingConfig | null;
  weights: WeightEntry[];
  optimizerState: OptimizerState | null;
  /** Anything JSON the saver attached (`saveModel(m, path, { metadata })`): labels, scalers, … */
  metadata?: Record<string, unknown>;
}

type Fail = (why: string) => never;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkClassConfig(v: unknown, what: string, fail: Fail): ClassConfig {
  if (!isRecord(v) || typeof v['className'] !== 'string' || !isRecord(v['config'])) {
    fail(`the header's ${what} must be {className, config}`);
  }
  return v as unknown as ClassConfig;
}

function checkEntry(v: unknown, what: string, payloadLength: number, fail: Fail): TensorEntry {
  if (!isRecord(v)) fail(`${what} is not an object`);
  const { name, shape, dtype, offset, length } = v as Record<string, unknown>;
  if (typeof name !== 'string') fail(`${what} has no name`);
  const label = `${what} '${name as string}'`;
  const dims = Array.isArray(shape) ? shape : [];
  if (!Array.isArray(shape) || !dims.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    fail(`${label} has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (!isDType(dtype)) fail(`${label} has an unknown dtype ${JSON.stringify(dtype)}`);
  const size = (dims as number[]).reduce((a, b) => a * b, 1);
  const bytes = size * BYTES_PER_ELEMENT[dtype as DType];
  if (length !== bytes) {
    fail(`${label}: length ${String(length)} does not match its shape (${bytes} bytes)`);
  }
  if (!Number.isInteger(offset) || (offset as number) < 0 || (offset as number) % 8 !== 0) {
    fail(`${label} has an invalid offset ${String(offset)}`);
  }
  if ((offset as number) + bytes > payloadLength) {
    fail(`${label} lies outside the ${payloadLength}-byte payload`);
  }
  return v as unknown as TensorEntry;
}

/** Refuses overlapping byte ranges: each tensor must own its bytes. */
function checkNoOverlap(entries: readonly TensorEntry[], fail: Fail): void {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.offset < prev.offset + prev.length) {
      fail(`weights '${prev.name}' and '${sorted[i]!.name}' overlap in the payload`);
    }
  }
}

/**
 * Checks a version-1 header against the payload's length and returns it typed. Every weight
 * range must lie inside the payload, match its shape and dtype, and not overlap another.
 */
export function validateHeader(
  header: unknown,
  payloadLength: number,
  fail: Fail,
): ModelFileHeader {
  if (!isRecord(header) || header['format'] !== 'nabla-model') {
    fail('the header is not a nabla model header');
  }
  const h = header as Record<string, unknown>;
  if (h['kind'] !== 'model' && h['kind'] !== 'weights') {
    fail(`unknown file kind ${JSON.stringify(h['kind'])}`);
  }
  if (h['kind'] === 'model') checkClassConfig(h['model'], 'model', fail);
  if (h['training'] !== null && h['training'] !== undefined) {
    if (!isRecord(h['training'])) fail("the header's training config is not an object");
    checkClassConfig((h['training'] as Record<string, unknown>)['optimizer'], 'optimizer', fail);
  }
  if (!Array.isArray(h['weights'])) fail('the header has no weight manifest');
  const entries: TensorEntry[] = [];
  const seen = new Set<string>();
  (h['weights'] as unknown[]).forEach((w, i) => {
    const entry = checkEntry(w, `weight ${i}`, payloadLength, fail) as WeightEntry;
    if (typeof entry.layer !== 'string') fail(`weight '${entry.name}' names no layer`);
    if (seen.has(entry.name)) fail(`weight '${entry.name}' appears twice`);
    seen.add(entry.name);
    entries.push(entry);
  });
  const state = h['optimizerState'];
  if (state !== null && state !== undefined) {
    if (
      !isRecord(state) ||
      !Array.isArray(state['variables']) ||
      !Array.isArray(state['weights'])
    ) {
      fail("the header's optimizer state must be {variables, weights}");
    }
    const s = state as Record<string, unknown[]>;
    if (!s['variables']!.every((v) => typeof v === 'string')) {
      fail('optimizer variables must be names');
    }
    s['weights']!.forEach((w, i) =>
      entries.push(checkEntry(w, `optimizer weight ${i}`, payloadLength, fail)),
    );
  }
  checkNoOverlap(entries, fail);
  const metadata = h['metadata'];
  if (metadata !== undefined && !isRecord(metadata)) {
    fail("the header's metadata must be an object");
  }
  return {
    format: 'nabla-model',
    kind: h['kind'] as 'model' | 'weights',
    nablaVersion: typeof h['nablaVersion'] === 'string' ? h['nablaVersion'] : 'unknown',
    model: (h['model'] as ClassConfig | undefined) ?? null,
    training: (h['training'] as TrainingConfig | undefined) ?? null,
    weights: h['weights'] as WeightEntry[],
    optimizerState: (state as OptimizerState | undefined) ?? null,
    ...(metadata === undefined ? {} : { metadata: metadata as Record<string, unknown> }),
  };
}

/**
 * Brings a header written by format `version` up to the current version, one step at a time.
 * Version 1 is the current one, so there is nothing to do yet; a future version 2 adds
 * `case 1: header = v1ToV2(header)` and falls through, so every old file keeps loading.
 */
export function upgradeHeader(version: number, header: unknown, fail: Fail): unknown {
  switch (version) {
    case 1:
      return header;
    default:
      return fail(`unknown format version ${version}`);
  }
}
