import { version } from '../../package.json';
import { EXIT, reportError, UsageError, type CliIo } from './cli-io';
import { openCliContext, type CliContext, type CliEnv } from './cli-context';
import { GENERATE_USAGE, generateCommand } from './commands/generate';
import { jobsCommand, JOBS_USAGE, usageCommand } from './commands/jobs';
import { balanceCommand, keyCommand, KEY_USAGE } from './commands/key';
import { libraryCommand, LIBRARY_USAGE } from './commands/library';
import { prepImage, PREP_IMAGE_USAGE } from './commands/prep-image';

const HELP = [
  `reelbench ${version} — Sora-2 videos through APIMart, from the command line`,
  '',
  'Commands:',
  `  ${GENERATE_USAGE}`,
  '      Runs the whole pipeline (prepare → upload → submit → poll → download → library) and prints the video\'s path.',
  ...JOBS_USAGE.map((line) => `  ${line}`),
  ...KEY_USAGE.map((line) => `  ${line}`),
  `  ${PREP_IMAGE_USAGE}`,
  ...LIBRARY_USAGE.map((line) => `  ${line}`),
  '  reelbench --version | help',
  '',
  'Options: --json (machine-readable answers and errors), --debug (stack traces for unexpected errors).',
  'Environment: REELBENCH_API_KEY (overrides the keychain), REELBENCH_BASE_URL, REELBENCH_DATA_DIR,',
  'REELBENCH_LIBRARY_DIR (override the data and library folders), REELBENCH_POLL_MIN_MS (lower polling floor, for tests).',
].join('\n');

/** Where the CLI reads the key from and draws its progress bar. */
export interface CliTerminal {
  readonly stdin: AsyncIterable<Buffer | string>;
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  writeStderr(text: string): void;
}

/** Runs one command line and returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo, env: CliEnv, terminal: CliTerminal): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [command, ...rest] = args;
  const json = rest.includes('--json');
  let context: CliContext | undefined;
  const open = async () => (context ??= await openCliContext(env, version));
  try {
    switch (command) {
      case '--version':
      case '-v':
        io.out(version);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case 'prep-image':
        return await prepImage(rest, io, (await open()).paths.dataDir);
      case 'library':
        return await libraryCommand(rest, io, await open());
      case 'key':
        return await keyCommand(rest, io, await open(), { stream: terminal.stdin, isTTY: terminal.stdinIsTTY });
      case 'balance':
        return await balanceCommand(rest, io, await open());
      case 'generate':
        return await generateCommand(rest, io, await open(), { isTTY: terminal.stderrIsTTY, write: terminal.writeStderr });
      case 'jobs':
        return await jobsCommand(rest, io, await open());
      case 'usage':
        return await usageCommand(rest, io, await open());
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return reportError(io, new UsageError(error.message), json);
    }
    if (debug && error instanceof Error && error.stack) io.err(error.stack);
    return reportError(io, error, json);
  } finally {
    await context?.close();
  }
}
