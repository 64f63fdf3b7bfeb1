/**
 * A small command-line parser: `--flag value`, `--flag=value`, boolean `--flag` (and
 * `--no-flag`), `-h`/`--help`, `--` to end options, and a help text built from the same spec.
 * Errors are `UsageError`s whose message is the one line the user sees.
 */

/** A wrong command line: the message is shown as `nabla: <message>`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One `--option`. */
export interface OptionSpec {
  /** The long name without dashes, kebab-case (`batch-size`). */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  /** Shown in help as `--name <valueName>`. */
  valueName?: string;
  default?: string | number | boolean;
  /** Smallest accepted number (inclusive), for numeric options. */
  min?: number;
  /** Largest accepted number (inclusive). */
  max?: number;
  /** Allowed string values. */
  choices?: readonly string[];
}

/** A positional argument. */
export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
}

/** A subcommand's arguments and help. */
export interface CommandSpec {
  name: string;
  /** One short line for the list of commands. */
  brief: string;
  /** The paragraph at the top of the command's help. */
  summary: string;
  positionals?: readonly PositionalSpec[];
  options: readonly OptionSpec[];
  /** Extra help text after the option list (examples, notes). */
  epilog?: string;
}

/** Parsed values: options by camelCase name. */
export interface ParsedArgs {
  help: boolean;
  positionals: string[];
  options: Record<string, string | number | boolean | undefined>;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function convert(spec: OptionSpec, raw: string, command: string): string | number | boolean {
  const flag = `--${spec.name}`;
  if (spec.type === 'boolean') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new UsageError(`${command}: ${flag} takes true or false, got '${raw}'`);
  }
  if (spec.type === 'string') {
    if (spec.choices && !spec.choices.includes(raw)) {
      throw new UsageError(
        `${command}: ${flag} must be one of ${spec.choices.join(', ')}; got '${raw}'`,
      );
    }
    return raw;
  }
  const value = raw.trim() === '' ? NaN : Number(raw);
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) {
    throw new UsageError(`${command}: ${flag} must be ${kind}, got '${raw}'`);
  }
  if (
    (spec.min !== undefined && value < spec.min) ||
    (spec.max !== undefined && value > spec.max)
  ) {
    const range =
      spec.max === undefined
        ? `≥ ${spec.min}`
        : spec.min === undefined
          ? `≤ ${spec.max}`
          : `in [${spec.min}, ${spec.max}]`;
    throw new UsageError(`${command}: ${flag} must be ${range}, got ${raw}`);
  }
  return value;
}

/**
 * Parses `argv` (the words after the subcommand) against `spec`. Defaults fill options not
 * given; required positionals are checked unless `--help` was asked for.
 */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const command = spec.name;
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const options: ParsedArgs['options'] = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word === '-h' || word === '--help') {
      help = true;
      continue;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    if (!word.startsWith('--')) {
      throw new UsageError(`${command}: unknown option ${word} (see nabla ${command} --help)`);
    }
    const eq = word.indexOf('=');
    let name = eq < 0 ? word.slice(2) : word.slice(2, eq);
    let inline = eq < 0 ? undefined : word.slice(eq + 1);
    let option = byName.get(name);
    if (
      !option &&
      name.startsWith('no-') &&
      byName.get(name.slice(3))?.type === 'boolean' &&
      inline === undefined
    ) {
      name = name.slice(3);
      option = byName.get(name);
      inline = 'false';
    }
    if (!option) {
      throw new UsageError(`${command}: unknown option --${name} (see nabla ${command} --help)`);
    }
    if (inline === undefined) {
      if (option.type === 'boolean') inline = 'true';
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
          throw new UsageError(`${command}: --${name} needs a value`);
        }
        inline = next;
        i++;
      }
    }
    options[camel(name)] = convert(option, inline, command);
  }
  for (const o of spec.options) {
    if (options[camel(o.name)] === undefined && o.default !== undefined) {
      options[camel(o.name)] = o.default;
    }
  }
  if (!help) checkPositionals(spec, positionals, command);
  return { help, positionals, options };
}

function checkPositionals(spec: CommandSpec, positionals: string[], command: string): void {
  const specs = spec.positionals ?? [];
  const required = specs.filter((p) => p.required !== false);
  if (positionals.length < required.length) {
    throw new UsageError(
      `${command}: missing ${required[positionals.length]!.name} (see nabla ${command} --help)`,
    );
  }
  if (positionals.length > specs.length) {
    throw new UsageError(
      `${command}: unexpected argument '${positionals[specs.length]}' ` +
        `(see nabla ${command} --help)`,
    );
  }
}

const HELP_WIDTH = 100;

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** The help text of a subcommand, from its spec. */
export function formatHelp(spec: CommandSpec): string {
  const positionals = spec.positionals ?? [];
  const usageArgs = positionals.map((p) => (p.required === false ? `[${p.name}]` : p.name));
  const lines = [
    `Usage: nabla ${spec.name} ${[...usageArgs, '[options]'].join(' ')}`,
    '',
    ...spec.summary.split('\n').flatMap((line) => wrap(line, HELP_WIDTH)),
    '',
  ];
  const rows: [string, string][] = positionals.map((p) => [`  ${p.name}`, p.description]);
  for (const o of spec.options) {
    const value = o.type === 'boolean' ? '' : ` <${o.valueName ?? o.type}>`;
    const fallback =
      o.default === undefined || o.default === false ? '' : ` (default ${String(o.default)})`;
    rows.push([`  --${o.name}${value}`, `${o.description}${fallback}`]);
  }
  rows.push(['  -h, --help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  lines.push(positionals.length > 0 ? 'Arguments and options:' : 'Options:');
  for (const [left, right] of rows) {
    wrap(right, HELP_WIDTH - width).forEach((text, i) =>
      lines.push(`${(i === 0 ? left : '').padEnd(width)}${text}`),
    );
  }
  if (spec.epilog) lines.push('', spec.epilog);
  return lines.join('\n');
}
