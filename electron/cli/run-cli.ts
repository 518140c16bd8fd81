import { version } from '../../package.json';
import { defaultDataDir } from '../services/data-dir';
import { EXIT, reportError, UsageError, type CliIo } from './cli-io';
import { libraryCommand, LIBRARY_USAGE } from './commands/library';
import { prepImage, PREP_IMAGE_USAGE } from './commands/prep-image';

const HELP = [
  `reelbench ${version} — Sora-2 videos through APIMart, from the command line`,
  '',
  'Commands:',
  `  ${PREP_IMAGE_USAGE}`,
  '      Crop and encode a reference image to the exact output frame, under 10 MB, exactly as the app does.',
  ...LIBRARY_USAGE.map((line) => `  ${line}`),
  '      List (or search) the video library, or rebuild its catalog from the sidecars.',
  '  reelbench --version',
  '  reelbench help',
  '',
  'Environment: REELBENCH_DATA_DIR moves the data folder (caches, settings); REELBENCH_API_KEY overrides the keychain.',
].join('\n');

/** Runs one command line and returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
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
        return await prepImage(rest, io, defaultDataDir(process.platform, env));
      case 'library':
        return await libraryCommand(rest, io, defaultDataDir(process.platform, env), version);
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return reportError(io, new UsageError(error.message), json);
    }
    return reportError(io, error, json);
  }
}
