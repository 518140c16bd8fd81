import { findModel } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog, VideoModel } from '../../../shared/catalog/video-model';
import { AppError } from '../../../shared/errors';
import { choicesFor, durationsOf, imageSlotsOf } from '../../../shared/catalog/model-lookup';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, noSuchModel, type CommandHelp } from '../cli-help';
import { EXIT, printable, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import {
  durationWords,
  imageWords,
  parameterLines,
  priceWords,
  resolutionWords,
  shapeWords,
  STATE_WORDS,
} from '../model-words';

/** `reelbench models` and `reelbench models show`, as help shows them. */
export const MODELS_HELP: readonly CommandHelp[] = [
  {
    usage: 'reelbench models [--refresh] [--json]',
    summary:
      'The video models: id, label, whether APIMart confirmed it live, durations, shapes, resolutions, image roles, price. APIMart is asked at most once a day (offline: the shipped list).',
    options: [['--refresh', 'ask APIMart again now, even if it was asked today']],
  },
  {
    usage: 'reelbench models show ID [--json]',
    summary: 'One model: every parameter with what it accepts (for --set NAME=VALUE), and its image fields.',
  },
];

/** A model as `models --json` lists it. */
export function modelFacts(model: VideoModel) {
  return {
    id: model.id,
    label: model.label,
    family: model.family,
    state: model.state,
    checkedAt: model.checkedAt,
    durations: durationsOf(model),
    aspects: choicesFor(model, 'aspect'),
    resolutions: choicesFor(model, 'resolution'),
    images: imageSlotsOf(model),
    price: model.price,
  };
}

function listLines(catalog: ModelCatalog): string[] {
  const width = Math.max(...catalog.models.map((model) => model.id.length));
  return catalog.models.map(
    (model) =>
      `${model.id.padEnd(width)}  ${printable(model.label)} (${STATE_WORDS[model.state]}): ${durationWords(model)}; ` +
      `${shapeWords(model)}; resolution ${resolutionWords(model)}; images: ${imageWords(model)}; ${priceWords(model)}`,
  );
}

/** Says on stderr why the list is not today's, when APIMart could not be asked. */
function sayUnreachable(io: CliIo, reason: AppError | null, json: boolean): void {
  if (reason && !json)
    io.err(`reelbench: APIMart could not be asked for its models (${reason.message}); this is what is known offline.`);
}

/** Lists the video models, or shows one. */
export async function modelsCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'models',
    usage: MODELS_HELP[0]?.usage ?? '',
    positionals: 2,
    options: { refresh: { type: 'boolean' } },
  });
  if (help) {
    io.out(MODELS_HELP.flatMap((entry) => formatCommandHelp(entry)).join('\n'));
    return EXIT.ok;
  }
  const models = await context.models();
  const [verb, id] = positionals;
  const hasKey = (await context.keyStore.status()).present;

  if (verb === 'show') {
    if (!id) throw new UsageError(`models show needs a model id.\n  ${MODELS_HELP[1]?.usage ?? ''}`);
    const model = hasKey ? await models.ensure(id) : findModel(models.current(), id);
    if (!model) throw noSuchModel(id, models.current());
    if (json) {
      io.out(JSON.stringify({ ok: true, model }));
      return EXIT.ok;
    }
    io.out(`${model.id} — ${printable(model.label)} (${STATE_WORDS[model.state]})`);
    if (model.description) io.out(printable(model.description));
    io.out(`Duration ${durationWords(model)}; shapes ${shapeWords(model)}; resolution ${resolutionWords(model)}.`);
    io.out(`Images: ${imageWords(model)}. Price: ${priceWords(model)}.`);
    io.out('Parameters (--set NAME=VALUE):');
    for (const line of parameterLines(model)) io.out(printable(line));
    return EXIT.ok;
  }
  if (verb !== undefined) throw new UsageError(`models takes "show ID" or nothing, not "${verb}".`);

  let unreachable: AppError | null = null;
  if (hasKey) unreachable = (await models.refresh({ force: values.refresh === true })).unreachable;
  else if (values.refresh) unreachable = new AppError('noKey', 'no API key is set (reelbench key set)');
  sayUnreachable(io, unreachable, json);
  const catalog = models.current();
  if (json) {
    io.out(
      JSON.stringify({
        ok: true,
        offline: unreachable !== null || !hasKey,
        models: catalog.models.map(modelFacts),
      }),
    );
    return EXIT.ok;
  }
  for (const line of listLines(catalog)) io.out(line);
  return EXIT.ok;
}
