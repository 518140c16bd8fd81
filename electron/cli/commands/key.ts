import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/text/money';
import type { KeyStatus } from '../../../shared/models/key-status';
import { createApimartClient } from '../../services/apimart/apimart-client';
import { API_KEY_ENV } from '../../services/keychain/key-store';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { errorData, EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';

const KEY_ONLY_HELP: CommandHelp = {
  usage: 'reelbench key set | key status | key clear [--json]',
  summary: `The APIMart key in the system keychain. \`key set\` reads it from standard input, never from the command line: printf '%s\\n' "$KEY" | reelbench key set. ${API_KEY_ENV} overrides the keychain.`,
};
const BALANCE_HELP: CommandHelp = {
  usage: 'reelbench balance [--json]',
  summary: 'The account balance (costs nothing; proves the key works).',
};
const KEY_USAGE = KEY_ONLY_HELP.usage;

/** The key commands, as help shows them. */
export const KEY_HELP: readonly CommandHelp[] = [KEY_ONLY_HELP, BALANCE_HELP];

/** Reads the key from standard input: never from the command line, where it would land in the shell's history. */
export async function readKeyFromStdin(
  stdin: AsyncIterable<Buffer | string>,
  io: CliIo,
  interactive: boolean,
): Promise<string> {
  if (interactive) io.err('Paste your APIMart API key and press Enter:');
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (interactive && text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

function describe(status: KeyStatus): string {
  if (!status.present) return 'No API key is set. Run `reelbench key set` and paste it (or set REELBENCH_API_KEY).';
  if (status.source === 'environment')
    return `An API key is set by ${API_KEY_ENV} (ends in ${status.hint}); it overrides the keychain while it is set.`;
  return `An API key is set (ends in ${status.hint}), in the system keychain.`;
}

/** `reelbench key set|status|clear`. */
export async function keyCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  stdin: { stream: AsyncIterable<Buffer | string>; isTTY: boolean },
): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'set' && rest.some((arg) => !arg.startsWith('-'))) {
    // Not echoed back: it is most likely the key itself.
    throw new UsageError(
      '`key set` reads the key from standard input, never from the command line (it would end up in your shell history).',
    );
  }
  const { json, help } = parseCommandArgs(rest, {
    command: `key ${subcommand ?? ''}`.trim(),
    usage: KEY_USAGE,
    options: {},
  });
  if (help || subcommand === '--help' || subcommand === '-h') {
    io.out(formatCommandHelp(KEY_ONLY_HELP).join('\n'));
    return EXIT.ok;
  }
  if (subcommand === 'set') {
    const status = await context.keyStore.set(await readKeyFromStdin(stdin.stream, io, stdin.isTTY));
    io.out(json ? JSON.stringify({ ok: true, ...status }) : `Saved. ${describe(status)}`);
    return EXIT.ok;
  }
  if (subcommand === 'status') {
    let status: KeyStatus;
    try {
      status = await context.keyStore.status();
    } catch (error) {
      // A keychain module that did not load is a fact about this install: one line, with its fix.
      if (!(error instanceof AppError && error.code === 'keychainModuleMissing') || json) throw error;
      const data = errorData(error);
      io.err(`reelbench: ${data.message} ${data.action ?? ''}`.trim());
      return EXIT.failed;
    }
    io.out(json ? JSON.stringify({ ok: true, ...status }) : describe(status));
    return EXIT.ok;
  }
  if (subcommand === 'clear') {
    const status = await context.keyStore.clear();
    if (json) io.out(JSON.stringify({ ok: true, ...status }));
    else io.out(`The API key was removed from the system keychain.${status.present ? ` ${describe(status)}` : ''}`);
    return EXIT.ok;
  }
  throw new UsageError(
    `key takes "set", "status" or "clear"${subcommand ? `, not "${subcommand}"` : ''}.\n  ${KEY_USAGE}`,
  );
}

/** `reelbench balance`: the account balance (free to ask; also proves the key works). */
export async function balanceCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { json, help } = parseCommandArgs(args, { command: 'balance', usage: BALANCE_HELP.usage, options: {} });
  if (help) {
    io.out(formatCommandHelp(BALANCE_HELP).join('\n'));
    return EXIT.ok;
  }
  const client = createApimartClient({
    fetch: (url, init) => fetch(url, init),
    baseUrl: context.baseUrl,
    keySource: context.keyStore,
    logger: context.logger,
  });
  const balance = await client.getBalance();
  if (json) io.out(JSON.stringify({ ok: true, ...balance }));
  else
    io.out(
      balance.unlimited
        ? `Balance: unlimited (used ${formatMoney(balance.used)}).`
        : `Balance: ${formatMoney(balance.remaining ?? 0)} (used ${formatMoney(balance.used)}).`,
    );
  return EXIT.ok;
}
