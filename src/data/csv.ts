import { NablaError } from '../core/errors.js';
import { tensor, type Tensor } from '../tensor/index.js';
import { displayPath, readFileBytes } from './files.js';
import { maybeGunzip } from './gzip.js';

/** How `parseCsv` treats a missing value in a feature column. */
export type MissingPolicy = 'error' | 'drop' | 'mean' | number;

/** Options of `parseCsv`. */
export interface CsvOptions {
  /** Field separator, one character. Default `','`. */
  delimiter?: string;
  /** Whether the first record names the columns. Default `true`. */
  header?: boolean;
  /** Column names when there is no header row. Default `'0'`, `'1'`, … */
  columnNames?: string[];
  /** The label column, by name or index (negative counts from the end). Default: none. */
  label?: string | number;
  /**
   * How the label is stored. `'auto'` (default): text labels become integer codes, whole
   * numbers stay as int32, anything else float32. `'categorical'` always codes the values.
   */
  labelType?: 'auto' | 'int' | 'float' | 'categorical';
  /** Columns to code as categories even though their values look numeric. */
  categorical?: string[];
  /** Columns to leave out. */
  ignore?: string[];
  /**
   * What to do with a missing feature value: `'error'` (default) throws naming the row and
   * column, `'drop'` skips the row, `'mean'` fills the column's mean, a number fills that
   * number. A missing categorical value becomes the category `''` unless the policy is `'error'`
   * or `'drop'`. A missing label is always an error, or skips the row under `'drop'`.
   */
  missing?: MissingPolicy;
  /** Field values that mean "missing". Default `['', 'NA', 'N/A', 'NaN', 'nan', 'null', '?']`. */
  missingValues?: string[];
  /**
   * Fixed vocabularies per column name (for example from the training file's `vocabularies`),
   * so that a second file gets the same codes. A value outside its vocabulary is an error.
   */
  vocabularies?: Record<string, string[]>;
}

/** One column of a parsed table. */
export interface CsvColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** For a categorical column: the value of each code (code `i` is `vocabulary[i]`). */
  vocabulary?: string[];
}

/** A CSV file as numbers: features row-major `[numRows, numFeatures]` and optional labels. */
export interface CsvTable {
  /** The feature columns, in file order. */
  columns: CsvColumn[];
  /** Feature values, row-major; categorical columns hold their integer codes. */
  x: Float32Array;
  /** `[numRows, numFeatures]`. */
  shape: [number, number];
  /** The label column, when `label` was given. */
  label?: CsvColumn;
  /** Label values: int32 for codes and whole numbers, float32 otherwise. */
  y?: Int32Array | Float32Array;
  /** Every categorical column's vocabulary by name, label included: pass to a second read. */
  vocabularies: Record<string, string[]>;
}

/** The records of a CSV text and the line on which each one starts (1-based). */
export interface CsvRecords {
  records: string[][];
  lines: number[];
}

const DEFAULT_MISSING = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', '?'];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Splits CSV text into records (RFC 4180): quoted fields may hold the delimiter, newlines and
 * doubled quotes (`""`); CRLF and LF both end a record; blank lines are skipped; unquoted fields
 * are trimmed. An unterminated quote is an error naming the line where it opened.
 *
 * @example
 * parseCsvRecords('a,b\n1,"x, y"\n').records; // [['a', 'b'], ['1', 'x, y']]
 */
export function parseCsvRecords(text: string, delimiter = ','): CsvRecords {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    fail('delimiter must be one character other than a quote or newline');
  }
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endField = (): void => {
    record.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    const wasQuoted = quoted;
    endField();
    const blank = record.length === 1 && record[0] === '' && !wasQuoted;
    if (!blank) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '' && !quoted) {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (!(quoted && (c === ' ' || c === '\t'))) {
      // Text after a closing quote (other than spaces) is kept, as Python's csv module does.
      field += c;
    }
  }
  if (inQuotes) {
    fail(`line ${quoteLine}: a quoted field is never closed`);
  }
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return { records, lines };
}

/**
 * Parses CSV text into numeric features and optional labels.
 *
 * Columns whose values all parse as numbers are numeric; the others (and those listed in
 * `categorical`) are categorical and stored as integer codes into a sorted vocabulary, which
 * the result returns so that another file can be coded the same way. Missing values follow
 * `missing`; by default they are an error naming the row and column.
 *
 * Shapes: `x` is `[numRows, numFeatures]`, `y` is `[numRows]`.
 *
 * @example
 * const t = parseCsv('size,colour,price\n1.5,red,10\n2,blue,12\n', { label: 'price' });
 * t.x; // Float32Array [1.5, 1, 2, 0]  (colour: blue = 0, red = 1)
 * t.y; // Int32Array [10, 12]
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const grid = toGrid(text, options);
  const { names } = grid;
  const labelIndex = resolveColumn(options.label, names);
  for (const n of [...(options.ignore ?? []), ...(options.categorical ?? [])]) {
    if (!names.includes(n)) fail(`no column named '${n}' (columns: ${names.join(', ')})`);
  }
  const ignore = new Set(options.ignore ?? []);
  const features = names
    .map((_, j) => j)
    .filter((j) => j !== labelIndex && !ignore.has(names[j]!));
  const missingSet = new Set(options.missingValues ?? DEFAULT_MISSING);
  const ctx: Context = {
    grid,
    options,
    isMissing: (v) => missingSet.has(v),
    keep: [],
    vocabularies: {},
  };
  const used = labelIndex === undefined ? features : [...features, labelIndex];
  ctx.keep = keptRows(ctx, used, labelIndex);

  const numFeatures = features.length;
  const x = new Float32Array(ctx.keep.length * numFeatures);
  const columns = features.map((j, f) =>
    featureColumn(ctx, j, (i, v) => {
      x[i * numFeatures + f] = v;
    }),
  );
  const table: CsvTable = {
    columns,
    x,
    shape: [ctx.keep.length, numFeatures],
    vocabularies: ctx.vocabularies,
  };
  if (labelIndex !== undefined) Object.assign(table, labelColumn(ctx, labelIndex));
  return table;
}

/**
 * Reads a CSV file (plain or gzip-compressed) from disk and parses it with `parseCsv` (Node only).
 * Errors name the file.
 */
export async function readCsvFile(path: string | URL, options: CsvOptions = {}): Promise<CsvTable> {
  const source = displayPath(path);
  const bytes = await maybeGunzip(await readFileBytes(path, 'readCsv'), source);
  try {
    return parseCsv(new TextDecoder('utf-8').decode(bytes), options);
  } catch (err) {
    if (!(err instanceof NablaError)) throw err;
    throw new NablaError('readCsv', `${source}: ${err.message.replace(/^parseCsv: /, '')}`);
  }
}

/**
 * A parsed table as tensors. Shapes: `x` float32 `[numRows, numFeatures]`; `y` `[numRows]`,
 * int32 or float32 as the table holds it (absent without a label column).
 *
 * @example
 * const { x, y } = csvToTensors(await readCsvFile('iris.csv', { label: 'species' }));
 */
export function csvToTensors(table: CsvTable): { x: Tensor; y?: Tensor } {
  const x = tensor(table.x, [...table.shape], 'float32');
  if (table.y === undefined) return { x };
  const dtype = table.y instanceof Int32Array ? 'int32' : 'float32';
  return { x, y: tensor(table.y, [table.shape[0]], dtype) };
}

function resolveColumn(label: string | number | undefined, names: string[]): number | undefined {
  if (label === undefined) return undefined;
  if (typeof label === 'number') {
    const j = label < 0 ? names.length + label : label;
    if (!Number.isInteger(j) || j < 0 || j >= names.length) {
      fail(`label column ${label} is out of range for ${names.length} columns`);
    }
    return j;
  }
  const j = names.indexOf(label);
  if (j < 0) fail(`no label column named '${label}' (columns: ${names.join(', ')})`);
  return j;
}

function fillValue(
  policy: MissingPolicy,
  values: string[],
  isMissing: (v: string) => boolean,
): number {
  if (typeof policy === 'number') return policy;
  if (policy !== 'mean') return Number.NaN; // never used: 'error' and 'drop' leave no gaps
  const present = values.filter((v) => !isMissing(v)).map(Number);
  return present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length;
}

/**
 * Codes a column's values against `given` or, without it, against the sorted set of its values
 * (numerically when all are numbers, so '9' < '10'). Sorting makes codes independent of row order.
 */
function codeColumn(
  values: string[],
  given: string[] | undefined,
  store: (row: number, code: number) => void,
  unknown: (row: number, value: string) => never,
): string[] {
  let vocabulary = given;
  if (vocabulary === undefined) {
    const distinct = [...new Set(values)];
    const numeric = distinct.every((v) => NUMBER.test(v));
    // Code-unit order, not localeCompare: the same codes on every machine.
    const byText = (a: string, b: string): number => Number(a > b) - Number(a < b);
    vocabulary = distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : byText);
  }
  const codes = new Map(vocabulary.map((v, i) => [v, i]));
  values.forEach((v, i) => {
    const code = codes.get(v);
    if (code === undefined) unknown(i, v);
    store(i, code!);
  });
  return [...vocabulary];
}

/** The records split into a header and data rows, all of one width. */
interface Grid {
  names: string[];
  rows: string[][];
  /** Line on which each data row starts, for messages. */
  lines: number[];
}

/** What the column passes of `parseCsv` share. */
interface Context {
  grid: Grid;
  options: CsvOptions;
  isMissing: (value: string) => boolean;
  /** Indices of the data rows that survive the missing-value policy. */
  keep: number[];
  vocabularies: Record<string, string[]>;
}

function fail(message: string): never {
  throw new NablaError('parseCsv', message);
}

function where(grid: Grid, row: number, column?: number): string {
  const at = `row ${row + 1} (line ${grid.lines[row]})`;
  return column === undefined ? at : `${at}, column '${grid.names[column]}'`;
}

function toGrid(text: string, options: CsvOptions): Grid {
  const { records, lines } = parseCsvRecords(text, options.delimiter ?? ',');
  const header = options.header ?? true;
  if (header && records.length === 0) fail('the file is empty (no header row)');
  let names: string[];
  if (header) names = records[0]!;
  else if (options.columnNames !== undefined) names = options.columnNames;
  else names = Array.from({ length: records[0]?.length ?? 0 }, (_, j) => String(j));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) fail(`column name '${n}' appears twice`);
    seen.add(n);
  }
  const first = header ? 1 : 0;
  const grid: Grid = { names, rows: records.slice(first), lines: lines.slice(first) };
  grid.rows.forEach((row, r) => {
    if (row.length !== names.length) {
      fail(`${where(grid, r)} has ${row.length} fields, expected ${names.length}`);
    }
  });
  return grid;
}

/** Applies the missing-value policy: the rows to keep, or an error naming the first gap. */
function keptRows(ctx: Context, used: number[], labelIndex: number | undefined): number[] {
  const policy = ctx.options.missing ?? 'error';
  const keep: number[] = [];
  ctx.grid.rows.forEach((row, r) => {
    const gap = used.find((j) => ctx.isMissing(row[j]!));
    if (gap === undefined) {
      keep.push(r);
    } else if (policy === 'error' || (gap === labelIndex && policy !== 'drop')) {
      fail(`${where(ctx.grid, r, gap)}: missing value '${row[gap]}'`);
    } else if (policy !== 'drop') {
      keep.push(r);
    }
  });
  return keep;
}

function featureColumn(
  ctx: Context,
  j: number,
  store: (row: number, value: number) => void,
): CsvColumn {
  const name = ctx.grid.names[j]!;
  const values = ctx.keep.map((r) => ctx.grid.rows[r]![j]!);
  const given = ctx.options.vocabularies?.[name];
  const forced = (ctx.options.categorical ?? []).includes(name) || given !== undefined;
  const numeric = !forced && values.every((v) => ctx.isMissing(v) || NUMBER.test(v));
  if (numeric) {
    const fill = fillValue(ctx.options.missing ?? 'error', values, ctx.isMissing);
    values.forEach((v, i) => store(i, ctx.isMissing(v) ? fill : Number(v)));
    return { name, kind: 'numeric' };
  }
  const present = values.map((v) => (ctx.isMissing(v) ? '' : v));
  const vocabulary = codeColumn(present, given, store, (i, v) =>
    fail(`${where(ctx.grid, ctx.keep[i]!, j)}: '${v}' is not in the given vocabulary`),
  );
  ctx.vocabularies[name] = vocabulary;
  return { name, kind: 'categorical', vocabulary };
}

function labelColumn(ctx: Context, j: number): Pick<CsvTable, 'label' | 'y'> {
  const name = ctx.grid.names[j]!;
  const values = ctx.keep.map((r) => ctx.grid.rows[r]![j]!);
  const type = ctx.options.labelType ?? 'auto';
  const given = ctx.options.vocabularies?.[name];
  const allNumbers = values.every((v) => NUMBER.test(v));
  const coded = type === 'categorical' || given !== undefined || (type === 'auto' && !allNumbers);
  if (coded) {
    const y = new Int32Array(values.length);
    const store = (i: number, code: number): void => {
      y[i] = code;
    };
    const vocabulary = codeColumn(values, given, store, (i, v) =>
      fail(`${where(ctx.grid, ctx.keep[i]!, j)}: label '${v}' is not in the given vocabulary`),
    );
    ctx.vocabularies[name] = vocabulary;
    return { label: { name, kind: 'categorical', vocabulary }, y };
  }
  const bad = values.findIndex((v) => !NUMBER.test(v));
  if (bad >= 0) {
    fail(`${where(ctx.grid, ctx.keep[bad]!, j)}: label '${values[bad]}' is not a number`);
  }
  const numbers = values.map(Number);
  const fraction = numbers.findIndex((v) => !Number.isInteger(v) || Math.abs(v) >= 2 ** 31);
  if (type === 'int' && fraction >= 0) {
    fail(`${where(ctx.grid, ctx.keep[fraction]!, j)}: label '${values[fraction]}' is not an int32`);
  }
  const asInt = type === 'int' || (type === 'auto' && fraction < 0);
  const y = asInt ? Int32Array.from(numbers) : Float32Array.from(numbers);
  return { label: { name, kind: 'numeric' }, y };
}
