import { createApimartClient } from '../../services/apimart/apimart-client';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';

/** Usage lines of the key commands. */
export const KEY_USAGE = ['reelbench key set   (reads the key from standard input)', 'reelbench key status | key clear [--json]', 'reelbench balance [--json]'];

/** Reads the key from standard input: never from the command line, where it would land in the shell's history. */
export async function readKeyFromStdin(stdin: AsyncIterable<Buffer | string>, io: CliIo, interactive: boolean): Promise<string> {
  if (interactive) io.err('Paste your APIMart API key and press Enter:');
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (interactive && text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

const describe = (status: { present: boolean; hint: string | null; source: string | null }) =>
  status.present
    ? `An API key is set (ends in ${status.hint}), ${status.source === 'environment' ? 'from REELBENCH_API_KEY' : 'in the system keychain'}.`
    : 'No API key is set. Run `reelbench key set` and paste it.';

/** `reelbench key set|status|clear`. */
export async function keyCommand(args: readonly string[], io: CliIo, context: CliContext, stdin: { stream: AsyncIterable<Buffer | string>; isTTY: boolean }): Promise<number> {
  const [subcommand, ...rest] = args;
  const json = rest.includes('--json');
  const extra = rest.filter((arg) => arg !== '--json');
  if (subcommand === 'set') {
    if (extra.length > 0) throw new UsageError('`key set` reads the key from standard input, never from the command line (it would end up in your shell history).');
    const status = await context.keyStore.set(await readKeyFromStdin(stdin.stream, io, stdin.isTTY));
    io.out(json ? JSON.stringify({ ok: true, ...status }) : `Saved. ${describe(status)}`);
    return EXIT.ok;
  }
  if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}".`);
  if (subcommand === 'status') {
    const status = await context.keyStore.status();
    io.out(json ? JSON.stringify({ ok: true, ...status }) : describe(status));
    return EXIT.ok;
  }
  if (subcommand === 'clear') {
    const status = await context.keyStore.clear();
    io.out(json ? JSON.stringify({ ok: true, ...status }) : `The API key was removed from the system keychain. ${status.present ? describe(status) : ''}`.trim());
    return EXIT.ok;
  }
  throw new UsageError(`key takes "set", "status" or "clear".\n  ${KEY_USAGE.join('\n  ')}`);
}

/** `reelbench balance`: the account balance (free to ask; also proves the key works). */
export async function balanceCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const client = createApimartClient({ fetch: (url, init) => fetch(url, init), baseUrl: context.baseUrl, keySource: context.keyStore, logger: context.logger });
  const balance = await client.getBalance();
  if (args.includes('--json')) io.out(JSON.stringify({ ok: true, ...balance }));
  else io.out(balance.unlimited ? `Balance: unlimited (used ${balance.used}).` : `Balance: ${balance.remaining} (used ${balance.used}).`);
  return EXIT.ok;
}
