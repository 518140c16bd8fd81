import path from 'node:path';
import type { Settings, SettingsPatch } from '../../../shared/models/settings';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';
import { didYouMean } from '../did-you-mean';
import { SPEECH_MODEL } from '../../../shared/audio/speech';

/** `reelbench config`, as help shows it. */
export const CONFIG_HELP: CommandHelp = {
  usage: 'reelbench config get [NAME] [--json] | config set NAME VALUE',
  summary: 'The settings the app and the CLI share (settings.json in the data folder).',
  options: [
    ['api-address URL', 'the APIMart address (https://, or http:// on this computer); REELBENCH_BASE_URL overrides it'],
    ['jobs-at-once N', 'how many jobs run at the same time, 1 to 10 (default 3)'],
    [
      'price.MODEL P',
      'your price per second of MODEL, for costs and balance checks (e.g. price.kling-v3 0.07), instead of the shipped one; "none" removes it',
    ],
    ['speech-price P', 'what one spoken line (voice-over) costs you, in dollars; "none" removes it'],
    ['mcp.max-spend D', 'dollars one `reelbench mcp` session may spend in all (default 2); a call past it is refused'],
    ['mcp.confirm always|never', 'always: every billed MCP call first answers with its cost and a token to echo back'],
    ['mcp.export-dir DIR', 'a folder MCP may export films into besides the library; "none": the library only'],
  ],
};

/** One setting as the CLI names it. */
interface ConfigEntry {
  readonly name: string;
  read(settings: Settings): string | number | null;
  patch(value: string, settings: Settings): SettingsPatch;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw refusedValue(`jobs-at-once takes a whole number from 1 to 10, not "${value}".`);
  return count;
}

function priceEntry(model: string, name = `price.${model}`, what = 'a price per second such as 0.08'): ConfigEntry {
  return {
    name,
    read: (settings) => settings.prices[model] ?? null,
    patch(value, settings) {
      const { [model]: _previous, ...others } = settings.prices;
      if (value === 'none') return { prices: others };
      const price = Number(value);
      if (!Number.isFinite(price) || price < 0 || price > 1000)
        throw refusedValue(`${name} takes ${what} (or "none"), not "${value}".`);
      return { prices: { ...others, [model]: price } };
    },
  };
}

const FIXED: readonly ConfigEntry[] = [
  { name: 'api-address', read: (settings) => settings.apiBaseUrl, patch: (value) => ({ apiBaseUrl: value }) },
  {
    name: 'jobs-at-once',
    read: (settings) => settings.concurrency,
    patch: (value) => ({ concurrency: parseCount(value) }),
  },
  // Kept with the models' prices, under the speech model's id: a spoken line is billed per request.
  priceEntry(SPEECH_MODEL, 'speech-price', 'a price per spoken line such as 0.015'),
  {
    name: 'mcp.max-spend',
    read: (settings) => settings.mcp.maxSpend,
    patch(value, settings) {
      const dollars = Number(value);
      if (value.trim() === '' || !Number.isFinite(dollars) || dollars < 0 || dollars > 1000)
        throw refusedValue(`mcp.max-spend takes dollars from 0 to 1000, such as 5, not "${value}".`);
      return { mcp: { ...settings.mcp, maxSpend: dollars } };
    },
  },
  {
    name: 'mcp.confirm',
    read: (settings) => settings.mcp.confirm,
    patch(value, settings) {
      if (value !== 'always' && value !== 'never')
        throw refusedValue(`mcp.confirm takes always or never, not "${value}".`);
      return { mcp: { ...settings.mcp, confirm: value } };
    },
  },
  {
    name: 'mcp.export-dir',
    read: (settings) => settings.mcp.exportDir,
    patch(value, settings) {
      if (value === 'none') return { mcp: { ...settings.mcp, exportDir: null } };
      if (!path.isAbsolute(value))
        throw refusedValue(`mcp.export-dir takes a full folder path (or "none"), not "${value}".`);
      return { mcp: { ...settings.mcp, exportDir: path.resolve(value) } };
    },
  },
];

/** Every setting the CLI shows: the fixed ones, then each price the user set. */
function entries(settings: Settings): ConfigEntry[] {
  const videoModels = Object.keys(settings.prices).filter((model) => model !== SPEECH_MODEL);
  return [...FIXED, ...videoModels.sort().map((model) => priceEntry(model))];
}

/** A setting by name; a price only for a model the catalog knows (a misspelt id would price nothing). */
function entryNamed(name: string, models: readonly string[]): ConfigEntry {
  const fixed = FIXED.find((entry) => entry.name === name);
  if (fixed) return fixed;
  const model = /^price\.(.+)$/.exec(name)?.[1];
  if (model && models.includes(model)) return priceEntry(model);
  if (model)
    throw refusedValue(
      `there is no video model "${model}".${didYouMean(model, models)} \`reelbench models\` lists them (price.ID sets one's price).`,
    );
  const guess = didYouMean(
    name,
    FIXED.map((entry) => entry.name),
  );
  throw refusedValue(
    `there is no setting "${name}".${guess} Settings: api-address, jobs-at-once, speech-price, price.MODEL, mcp.max-spend, mcp.confirm, mcp.export-dir.`,
  );
}

const shown = (value: string | number | null) => (value === null ? 'not set' : String(value));

/** `reelbench config get|set`. */
export async function configCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { positionals, json, help } = parseCommandArgs(args, {
    command: 'config',
    usage: CONFIG_HELP.usage,
    options: {},
    positionals: 3,
  });
  const [action, name, value] = positionals;
  const known = async () => (await context.models()).current().models.map((model) => model.id);
  if (help) {
    io.out(formatCommandHelp(CONFIG_HELP).join('\n'));
    return EXIT.ok;
  }
  if (action === 'get' && value === undefined) {
    const settings = context.settings.current();
    const chosen = name === undefined ? entries(settings) : [entryNamed(name, await known())];
    if (json)
      io.out(
        JSON.stringify({
          ok: true,
          settings: Object.fromEntries(chosen.map((entry) => [entry.name, entry.read(settings)])),
        }),
      );
    else
      for (const entry of chosen)
        io.out(name === undefined ? `${entry.name} = ${shown(entry.read(settings))}` : shown(entry.read(settings)));
    return EXIT.ok;
  }
  if (action === 'set' && name !== undefined && value !== undefined) {
    const entry = entryNamed(name, await known());
    const updated = await context.settings.update(entry.patch(value, context.settings.current()));
    if (json) io.out(JSON.stringify({ ok: true, settings: { [entry.name]: entry.read(updated) } }));
    else io.out(`${entry.name} = ${shown(entry.read(updated))}`);
    return EXIT.ok;
  }
  throw new UsageError(`config takes "get [NAME]" or "set NAME VALUE".\n  ${CONFIG_HELP.usage}`);
}
