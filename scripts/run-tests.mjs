#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner through tsx.
// (Node 20's runner has no glob for .ts files, so the list is built here.)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = [...find('src'), ...find('test')].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((p) => f.includes(p)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
function run(list, env) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...list], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

// Every test on the default backend (wasm where available); then the tensor-level suite, the
// conformance oracle, once more on the reference backend, so both backends pass the same tests.
let status = run(files, {});
const tensorSuite = files.filter((f) => f.startsWith('src/tensor/'));
if (filter.length === 0 && tensorSuite.length > 0) {
  console.log('# the tensor suite again on the reference backend (NABLA_BACKEND=cpu)');
  status = run(tensorSuite, { NABLA_BACKEND: 'cpu' }) || status;
}
process.exit(status);
