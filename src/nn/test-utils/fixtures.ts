/** Reads the PyTorch reference values written by `test/fixtures/layers/make_layers.py`. */
import { readFileSync } from 'node:fs';

let cache: Record<string, Record<string, unknown>> | null = null;

/** One entry of `test/fixtures/layers/layers.json`. */
export function layerFixture<T = Record<string, number[] | number[][] | number[][][]>>(
  name: string,
): T {
  cache ??= JSON.parse(
    readFileSync(new URL('../../../test/fixtures/layers/layers.json', import.meta.url), 'utf8'),
  );
  const entry = cache![name];
  if (!entry) throw new Error(`no fixture '${name}' in layers.json`);
  return entry as T;
}

/** Flattens nested number arrays, for `assertClose`. */
export function flat(values: unknown): number[] {
  return Array.isArray(values) ? values.flatMap(flat) : [values as number];
}
