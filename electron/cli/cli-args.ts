import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';
import { didYouMean } from './did-you-mean';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Values parsed for a set of options: strings and booleans, as node:util's parseArgs gives them. */
export type ParsedValues<T extends Options> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: true; args: string[] }>
>['values'];

/** A command line, read: the command's own options, its positionals, and the flags every command takes. */
export interface ParsedCommand<T extends Options> {
  readonly values: ParsedValues<T>;
  readonly positionals: string[];
  readonly json: boolean;
  readonly help: boolean;
}

/** How one command's arguments are read. */
export interface CommandArgs<T extends Options> {
  /** The command as the user typed it (`generate`, `library list`), for messages. */
  readonly command: string;
  readonly usage: string;
  readonly options: T;
  /** How many positional arguments are allowed (none unless said). */
  readonly positionals?: number;
}

/**
 * Reads a command's arguments. node:util's own messages ("To specify a positional argument starting with a '-',
 * place it at the end of the command after '--'…") are written for programmers: every mistake is told here in
 * the command's own words instead, with its usage line, as a UsageError (exit code 2).
 */
export function parseCommandArgs<T extends Options>(typed: readonly string[], spec: CommandArgs<T>): ParsedCommand<T> {
  // A negative number (`config set price.x -1`, `--duration -5`) is a value, never a short option: no command has
  // digit flags. node:util would read `-1` as an unknown option `-1`, so it stands in under another name meanwhile.
  const negatives = new Map<string, string>();
  const args = typed.map((arg) => {
    if (!/^-\d/.test(arg)) return arg;
    const stand = `\u0000${negatives.size}`;
    negatives.set(stand, arg);
    return stand;
  });
  const restore = (value: string) => negatives.get(value) ?? value;
  const options = {
    ...spec.options,
    json: { type: 'boolean' as const },
    help: { type: 'boolean' as const, short: 'h' },
  };
  const loose = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of loose.tokens) {
    if (token.kind !== 'option') continue;
    const known = options[token.name];
    if (!known) {
      const flags = Object.keys(options).map((name) => `--${name}`);
      const guess = token.rawName.startsWith('--') ? didYouMean(token.rawName, flags) : '';
      throw new UsageError(`\`${spec.command}\` has no option ${token.rawName}.${guess}\n  ${spec.usage}`);
    }
    // `--out --json` is a forgotten value, not an output file called "--json" (a value like that is written --out="-…").
    if (
      known.type === 'string' &&
      (token.value === undefined || (token.inlineValue === false && token.value.startsWith('-')))
    ) {
      throw new UsageError(`${token.rawName} needs a value.\n  ${spec.usage}`);
    }
    if (known.type === 'boolean' && token.value !== undefined)
      throw new UsageError(`${token.rawName} takes no value.\n  ${spec.usage}`);
    if (
      !known.multiple &&
      loose.tokens.filter((other) => other.kind === 'option' && other.name === token.name).length > 1
    ) {
      throw new UsageError(`${token.rawName} is given more than once.\n  ${spec.usage}`);
    }
  }
  const positionals = loose.positionals.map(restore);
  const allowed = spec.positionals ?? 0;
  if (positionals.length > allowed) {
    const extra = positionals
      .slice(allowed)
      .map((value) => `"${value}"`)
      .join(' ');
    throw new UsageError(
      `\`${spec.command}\` does not take ${extra}${allowed === 0 ? '' : ' as well'}.\n  ${spec.usage}`,
    );
  }
  try {
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    const values = Object.fromEntries(
      Object.entries(parsed.values).map(([name, value]) => [
        name,
        typeof value === 'string'
          ? restore(value)
          : Array.isArray(value)
            ? value.map((item) => (typeof item === 'string' ? restore(item) : item))
            : value,
      ]),
    );
    const flags = values as Record<string, unknown>;
    return {
      values: values as ParsedValues<T>,
      positionals,
      json: flags['json'] === true,
      help: flags['help'] === true,
    };
  } catch {
    // A value that starts with "-" (write it as --prompt="-…"), or another case node:util words for programmers.
    throw new UsageError(
      `\`${spec.command}\` could not read its options; write a value that starts with "-" as --option="-…".\n  ${spec.usage}`,
    );
  }
}
