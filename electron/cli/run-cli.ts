import type { Readable, Writable } from 'node:stream';
import { version } from '../../package.json';
import { defaultModelId, SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog';
import { formatCommandHelp, formatModels, type CommandHelp } from './cli-help';
import { EXIT, reportError, UsageError, type CliIo } from './cli-io';
import { didYouMean } from './did-you-mean';
import { openCliContext, type CliContext, type CliEnv } from './cli-context';
import { BOARD_HELP, boardCommand } from './commands/board';
import { CONFIG_HELP, configCommand } from './commands/config';
import { GENERATE_HELP, generateCommand } from './commands/generate';
import { jobsCommand, JOBS_HELP, usageCommand } from './commands/jobs';
import { balanceCommand, keyCommand, KEY_HELP } from './commands/key';
import { libraryCommand, LIBRARY_HELP } from './commands/library';
import { modelsCommand, MODELS_HELP } from './commands/models';
import { prepImage, PREP_IMAGE_HELP } from './commands/prep-image';
import { mcpCommand, MCP_HELP } from './mcp/mcp-command';

const COMMAND_HELP: readonly CommandHelp[] = [
  GENERATE_HELP,
  ...JOBS_HELP,
  ...KEY_HELP,
  ...MODELS_HELP,
  CONFIG_HELP,
  PREP_IMAGE_HELP,
  ...LIBRARY_HELP,
  ...BOARD_HELP,
  MCP_HELP,
];
const COMMANDS = [
  'generate',
  'models',
  'jobs',
  'usage',
  'key',
  'balance',
  'config',
  'prep-image',
  'library',
  'board',
  'mcp',
  'help',
];

const HELP = [
  `reelbench ${version}: video generation through APIMart from the command line, into the same library as the Reelbench app`,
  '',
  'Usage: reelbench <command> [options]     reelbench <command> --help shows one command',
  '',
  'Commands:',
  ...COMMAND_HELP.flatMap((help) => formatCommandHelp(help, '  ')),
  '',
  'Models (--model; `reelbench models` lists what APIMart offers today, `models show ID` their parameters):',
  ...formatModels(SNAPSHOT_CATALOG, defaultModelId(SNAPSHOT_CATALOG, null)),
  '',
  'Every command takes --json (answers and errors as one JSON object on stdout) and --debug (stack traces).',
  'Exit codes, the same for every command:',
  '  0    done',
  '  1    refused or failed: an unknown model, something not found, a bad value, an error from APIMart',
  '  2    a usage error: an unknown command or option, a missing argument',
  '  130  interrupted with Ctrl+C (a job is kept: `reelbench jobs resume` finishes it)',
  'Environment: REELBENCH_API_KEY (overrides the keychain), REELBENCH_BASE_URL (overrides api-address),',
  '  REELBENCH_DATA_DIR and REELBENCH_LIBRARY_DIR (the data and library folders), REELBENCH_POLL_MIN_MS and REELBENCH_LEASE_MS (tests).',
].join('\n');

/** Where the CLI reads the key from and draws its progress bar. */
export interface CliTerminal {
  readonly stdin: AsyncIterable<Buffer | string>;
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  writeStderr(text: string): void;
  /** The process's own streams, for `reelbench mcp` (which speaks its protocol on them). */
  readonly stdio?: { readonly input: Readable; readonly output: Writable };
}

function helpFor(topic: string): string {
  const helps = COMMAND_HELP.filter(
    (help) => help.usage.startsWith(`reelbench ${topic} `) || help.usage === `reelbench ${topic}`,
  );
  if (helps.length === 0)
    throw new UsageError(
      `there is no command "${topic}".${didYouMean(topic, COMMANDS)} Commands: ${COMMANDS.join(', ')}.`,
    );
  return helps.flatMap((help) => formatCommandHelp(help)).join('\n');
}

/** Runs one command line and returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo, env: CliEnv, terminal: CliTerminal): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  // --json and --debug may come before the command too.
  const [command, ...rest] = argv.filter((arg) => arg !== '--debug' && arg !== '--json');
  if (json) rest.push('--json');
  let context: CliContext | undefined;
  const open = async () => {
    if (context) return context;
    context = await openCliContext(env, version);
    // A damaged settings.json was partly reset and a copy kept: say so once, on stderr, whatever the command.
    for (const problem of context.settings.problems()) io.err(`reelbench: ${problem.message}`);
    return context;
  };
  const progress = { isTTY: terminal.stderrIsTTY, write: terminal.writeStderr };
  try {
    switch (command) {
      case '--version':
      case '-v':
        io.out(version);
        return EXIT.ok;
      case undefined:
        io.err(HELP);
        return EXIT.usage;
      case 'help':
      case '--help':
      case '-h':
        io.out(rest[0] && rest[0] !== '--json' ? helpFor(rest[0]) : HELP);
        return EXIT.ok;
      case 'prep-image':
        return await prepImage(rest, io, await open());
      case 'models':
        return await modelsCommand(rest, io, await open());
      case 'library':
        return await libraryCommand(rest, io, await open());
      case 'board':
        return await boardCommand(rest, io, await open(), progress, {
          stream: terminal.stdin,
          isTTY: terminal.stdinIsTTY,
        });
      case 'key':
        return await keyCommand(rest, io, await open(), { stream: terminal.stdin, isTTY: terminal.stdinIsTTY });
      case 'balance':
        return await balanceCommand(rest, io, await open());
      case 'config':
        return await configCommand(rest, io, await open());
      case 'generate':
        return await generateCommand(rest, io, await open(), progress);
      case 'jobs':
        return await jobsCommand(rest, io, await open(), progress);
      case 'usage':
        return await usageCommand(rest, io, await open());
      case 'mcp':
        if (!terminal.stdio) throw new UsageError('mcp needs the process’s own stdin and stdout.');
        return await mcpCommand(rest, io, await open(), terminal.stdio, version);
      default:
        throw new UsageError(
          `there is no command "${command}".${didYouMean(command, COMMANDS)} Commands: ${COMMANDS.join(', ')}.`,
        );
    }
  } catch (error) {
    if (debug && error instanceof Error && error.stack) io.err(error.stack);
    return reportError(io, error, json);
  } finally {
    await context?.close();
  }
}
