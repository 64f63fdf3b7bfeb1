// Compiles assembly/ (AssemblyScript) into the kernel modules with the compiler from node_modules:
//   build/nabla.wasm         shared memory, for worker threads (Node, cross-origin-isolated pages)
//   build/nabla-single.wasm  plain memory, for pages without SharedArrayBuffer
// Runs on `npm install` (via `prepare`) and `npm run build:wasm`; needs no network or native tools.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build');

// The JS side owns allocation (stub runtime: no GC, which shared memory could not have anyway)
// and imports the memory; asserts and the abort import are compiled out.
const common = [
  join(root, 'assembly', 'index.ts'),
  '--runtime', 'stub',
  '--importMemory',
  '--initialMemory', '1',
  '--enable', 'simd',
  '--use', 'abort=',
  '--noAssert',
  '-O3',
];
const variants = [
  {
    file: 'nabla.wasm',
    // The maximum is the largest memory the backend asks for (4 GiB, 65536 pages).
    flags: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'],
  },
  { file: 'nabla-single.wasm', flags: [] },
];

let asc;
try {
  asc = (await import('assemblyscript/asc')).default;
} catch {
  console.error('build-wasm: assemblyscript is not installed (it is a devDependency).');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
for (const { file, flags } of variants) {
  const started = Date.now();
  const { error, stderr } = await asc.main([...common, ...flags, '--outFile', join(outDir, file)]);
  if (error) {
    console.error(stderr.toString());
    console.error(`build-wasm: ${file}: ${error.message}`);
    process.exit(1);
  }
  console.log(`build-wasm: build/${file} in ${Date.now() - started} ms`);
}
