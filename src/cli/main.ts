#!/usr/bin/env node
/**
 * The `nabla` command. Every failure a user can cause (bad arguments, missing or damaged files,
 * data that does not fit the model) ends as one line on stderr, `nabla: …`, and a non-zero exit
 * code: 2 for a wrong command line, 1 for anything else. `NABLA_DEBUG=1` adds the stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NABLA_VERSION } from '../io/index.js';
import { formatHelp, parseArgs, UsageError, type CommandSpec, type ParsedArgs } from './args.js';
import { demo, demoSpec } from './demo.js';
import { evaluate, evaluateSpec } from './evaluate.js';
import { predict, predictSpec } from './predict.js';
import { summary, summarySpec } from './summary.js';
import { train, trainSpec } from './train.js';

interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs): Promise<void>;
}

const COMMANDS: Command[] = [
  { spec: demoSpec, run: demo },
  { spec: trainSpec, run: train },
  { spec: evaluateSpec, run: evaluate },
  { spec: predictSpec, run: predict },
  { spec: summarySpec, run: summary },
];

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 4;
  return [
    'Usage: nabla <command> [options]',
    '',
    'nabla (∇): deep learning for TypeScript. Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.brief}`),
    '',
    'Run nabla <command> --help for its options. Start with: nabla demo',
  ].join('\n');
}

/** One line for the user: the message without the stack, newlines folded. */
function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      (name === undefined ? process.stderr : process.stdout).write(`${topHelp()}\n`);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${NABLA_VERSION}\n`);
      return 0;
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      throw new UsageError(
        `unknown command '${name}' ` +
          `(commands: ${COMMANDS.map((c) => c.spec.name).join(', ')}; see nabla --help)`,
      );
    }
    const args = parseArgs(command.spec, rest);
    if (args.help) {
      process.stdout.write(`${formatHelp(command.spec)}\n`);
      return 0;
    }
    await command.run(args);
    return 0;
  } catch (err) {
    if (process.env['NABLA_DEBUG'] === '1' && err instanceof Error) {
      process.stderr.write(`${err.stack}\n`);
    }
    const internal =
      !(err instanceof UsageError) && !(err instanceof Error && err.name === 'NablaError');
    const hint =
      internal && process.env['NABLA_DEBUG'] !== '1' ? ' (set NABLA_DEBUG=1 to see where)' : '';
    process.stderr.write(`nabla: ${oneLine(err)}${hint}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

/** Whether this module is the program being run (not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A closed pipe (nabla … | head) is not an error worth a message.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
