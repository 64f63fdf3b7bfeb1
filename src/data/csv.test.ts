import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { csvToTensors, parseCsv, parseCsvRecords, readCsvFile } from './csv.js';

test('parseCsvRecords handles quotes, doubled quotes, newlines in fields and CRLF', () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines", plain \r\n';
  const { records, lines } = parseCsvRecords(text);
  assert.deepEqual(records, [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'say "hi"'],
    ['2', 'two\nlines', 'plain'],
  ]);
  assert.deepEqual(lines, [1, 2, 3]);
});

test('parseCsvRecords skips blank lines, a BOM and a missing final newline', () => {
  const { records, lines } = parseCsvRecords('\ufeffa;b\n\n1;2\n\n3;4', ';');
  assert.deepEqual(records, [['a', 'b'], ['1', '2'], ['3', '4']]);
  assert.deepEqual(lines, [1, 3, 5]);
  // An empty quoted field is a value, not a blank line.
  assert.deepEqual(parseCsvRecords('""\n').records, [['']]);
});

test('parseCsvRecords names the line of an unclosed quote', () => {
  assert.throws(
    () => parseCsvRecords('a,b\n1,2\n3,"oops\n4,5\n'),
    /line 3: a quoted field is never closed/,
  );
});

test('parseCsv: numeric and categorical columns, label by name', () => {
  const t = parseCsv('size,colour,price\n1.5,red,10\n2,blue,12\n-3e1,red,11\n', { label: 'price' });
  assert.deepEqual(t.shape, [3, 2]);
  assert.deepEqual(t.columns, [
    { name: 'size', kind: 'numeric' },
    { name: 'colour', kind: 'categorical', vocabulary: ['blue', 'red'] },
  ]);
  assert.deepEqual([...t.x], [1.5, 1, 2, 0, -30, 1]);
  assert.ok(t.y instanceof Int32Array);
  assert.deepEqual([...t.y], [10, 12, 11]);
  assert.deepEqual(t.label, { name: 'price', kind: 'numeric' });
  assert.deepEqual(t.vocabularies, { colour: ['blue', 'red'] });
});

test('parseCsv codes text labels and keeps float labels as float32', () => {
  const text = 'x,species,w\n1,virginica,0.5\n2,setosa,1.25\n3,virginica,2\n';
  const coded = parseCsv(text, { label: 'species', ignore: ['w'] });
  assert.deepEqual([...coded.y!], [1, 0, 1]);
  assert.deepEqual(coded.label?.vocabulary, ['setosa', 'virginica']);
  assert.deepEqual(coded.shape, [3, 1]);
  const regression = parseCsv(text, { label: 'w', ignore: ['species'] });
  assert.ok(regression.y instanceof Float32Array);
  assert.deepEqual([...regression.y], [0.5, 1.25, 2]);
  // Forcing categorical on a numeric label sorts numerically: 2 < 10.
  const forced = parseCsv('y\n10\n2\n10\n', { label: 'y', labelType: 'categorical' });
  assert.deepEqual(forced.label?.vocabulary, ['2', '10']);
  assert.deepEqual([...forced.y!], [1, 0, 1]);
});

test('parseCsv without header: label by negative index, default column names', () => {
  const t = parseCsv('0,16,3\n4,0,7\n', { header: false, label: -1 });
  assert.deepEqual(t.columns.map((c) => c.name), ['0', '1']);
  assert.deepEqual([...t.x], [0, 16, 4, 0]);
  assert.deepEqual([...t.y!], [3, 7]);
});

test('parseCsv: missing values are an error naming row and column by default', () => {
  const text = 'a,b,label\n1,2,0\n3,NA,1\n';
  assert.throws(
    () => parseCsv(text, { label: 'label' }),
    /row 2 \(line 3\), column 'b': missing value 'NA'/,
  );
});

test('parseCsv: missing values dropped, filled with a number or the mean', () => {
  const text = 'a,b,label\n1,2,0\n3,,1\n5,?,1\n7,8,0\n';
  const dropped = parseCsv(text, { label: 'label', missing: 'drop' });
  assert.deepEqual([...dropped.x], [1, 2, 7, 8]);
  assert.deepEqual([...dropped.y!], [0, 0]);
  const filled = parseCsv(text, { label: 'label', missing: -1 });
  assert.deepEqual([...filled.x], [1, 2, 3, -1, 5, -1, 7, 8]);
  const mean = parseCsv(text, { label: 'label', missing: 'mean' });
  assert.deepEqual([...mean.x], [1, 2, 3, 5, 5, 5, 7, 8]);
  // A label is never filled.
  assert.throws(
    () => parseCsv('a,label\n1,\n', { label: 'label', missing: 0 }),
    /row 1 \(line 2\), column 'label': missing value ''/,
  );
});

test('parseCsv reuses a vocabulary and rejects values outside it', () => {
  const train = parseCsv('c,y\nred,0\nblue,1\n', { label: 'y' });
  const test2 = parseCsv('c,y\nred,1\nred,0\n', { label: 'y', vocabularies: train.vocabularies });
  assert.deepEqual([...test2.x], [1, 1]);
  assert.throws(
    () => parseCsv('c,y\ngreen,1\n', { label: 'y', vocabularies: train.vocabularies }),
    /row 1 \(line 2\), column 'c': 'green' is not in the given vocabulary/,
  );
});

test('parseCsv refuses ragged rows, unknown columns and duplicate names', () => {
  assert.throws(() => parseCsv('a,b\n1,2\n3\n'), /row 2 \(line 3\) has 1 fields, expected 2/);
  assert.throws(
    () => parseCsv('a,b\n1,2\n', { label: 'c' }),
    /no label column named 'c' \(columns: a, b\)/,
  );
  assert.throws(() => parseCsv('a,b\n1,2\n', { ignore: ['z'] }), /no column named 'z'/);
  assert.throws(() => parseCsv('a,a\n1,2\n'), /column name 'a' appears twice/);
  assert.throws(() => parseCsv(''), /the file is empty/);
  assert.throws(
    () => parseCsv('a,y\n1,x\n', { label: 'y', labelType: 'float' }),
    /label 'x' is not a number/,
  );
  assert.throws(() => parseCsv('a,y\n1,1.5\n', { label: 'y', labelType: 'int' }), /not an int32/);
});

test('readCsvFile reads plain and gzip files and names the file in errors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nabla-csv-'));
  try {
    const text = 'x,y\n1,0\n2,1\n';
    await writeFile(join(dir, 'a.csv'), text);
    await writeFile(join(dir, 'a.csv.gz'), gzipSync(text));
    await writeFile(join(dir, 'bad.csv'), 'x,y\n1\n');
    const plain = await readCsvFile(join(dir, 'a.csv'), { label: 'y' });
    const gz = await readCsvFile(join(dir, 'a.csv.gz'), { label: 'y' });
    assert.deepEqual([...plain.x], [1, 2]);
    assert.deepEqual([...gz.y!], [0, 1]);
    await assert.rejects(
      readCsvFile(join(dir, 'bad.csv')),
      /readCsv: .*bad\.csv: row 1 \(line 2\) has 1 fields/,
    );
    await assert.rejects(
      readCsvFile(join(dir, 'none.csv')),
      /cannot read .*none\.csv: no such file/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('csvToTensors: x float32 [n, f], y with the label dtype', () => {
  const { x, y } = csvToTensors(parseCsv('a,b,y\n1,2,cat\n3,4,dog\n', { label: 'y' }));
  assert.deepEqual(x.shape, [2, 2]);
  assert.equal(x.dtype, 'float32');
  assert.deepEqual(y?.shape, [2]);
  assert.equal(y?.dtype, 'int32');
  assert.deepEqual([...y!.dataSync()], [0, 1]);
  const floats = csvToTensors(parseCsv('a,y\n1,0.5\n', { label: 'y' }));
  assert.equal(floats.y?.dtype, 'float32');
  assert.equal(csvToTensors(parseCsv('a\n1\n')).y, undefined);
});
