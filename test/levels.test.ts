/**
 * The architecture as a test: a file imports only from its own level or lower.
 * core → backend → backends → tensor → nn|losses|metrics|optimizers → models|callbacks|io|data → cli|index
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';

const LEVELS: Record<string, number> = {
  core: 0,
  backend: 1,
  backends: 2,
  tensor: 3,
  nn: 4,
  losses: 4,
  metrics: 4,
  optimizers: 4,
  models: 5,
  callbacks: 5,
  io: 5,
  data: 5,
  cli: 6,
  'index.ts': 6,
};

const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function levelOf(path: string): [string, number] {
  const top = relative(SRC, path).split(/[\\/]/)[0]!;
  const level = LEVELS[top];
  if (level === undefined) throw new Error(`src/${top} is not assigned a level in test/levels.test.ts`);
  return [top, level];
}

/** Returns "file imports target" for every import in `text` (the source of `file`) that climbs a level. */
function violationsIn(file: string, text: string): string[] {
  const [, own] = levelOf(file);
  const violations: string[] = [];
  const pattern = /(?:import|export)[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2]!;
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(SRC)) continue;
    const [name, level] = levelOf(target);
    if (level > own) violations.push(`${relative('.', file)} imports ${name} (${spec})`);
  }
  return violations;
}

it('no file imports from a higher level', () => {
  const sources = files(SRC).filter((f) => !f.endsWith('.test.ts'));
  assert.ok(sources.length > 20, 'sources found');
  assert.deepEqual(sources.flatMap((f) => violationsIn(f, readFileSync(f, 'utf8'))), []);
});

it('the check catches an upward import', () => {
  const file = join(SRC, 'tensor', 'ops', 'example.ts');
  assert.deepEqual(violationsIn(file, "import { Dense } from '../../nn/layers/dense.js';"), [
    'src/tensor/ops/example.ts imports nn (../../nn/layers/dense.js)',
  ]);
  assert.deepEqual(violationsIn(file, "import { sizeOf } from '../../core/shape.js';"), []);
});
