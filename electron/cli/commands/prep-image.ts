import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { defaultModelId } from '../../../shared/catalog/model-catalog';
import { findModel, paramFor } from '../../../shared/catalog/model-lookup';
import { parseCommandArgs } from '../cli-args';
import type { CliContext } from '../cli-context';
import { requireUserFile } from '../user-files';
import { paramsFromFlags } from '../request-flags';
import { ASPECT_WORDS, formatCommandHelp, noSuchModel, type CommandHelp } from '../cli-help';
import { EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';

/** `reelbench prep-image`, as help shows it. */
export const PREP_IMAGE_HELP: CommandHelp = {
  usage:
    'reelbench prep-image FILE --aspect A --out FILE [--model ID] [--resolution R] [--format F] [--background #rrggbb] [--json]',
  summary:
    "Prepares an image exactly as a job would (orientation, colour, crop to the model's frame, under its size limit) and writes it.",
  options: [
    ['--aspect A', ASPECT_WORDS],
    ['--out FILE', 'where to write it; .jpg/.jpeg, .png or .webp decides the format (the folder must exist)'],
    ['--model ID', 'the model it is for (`reelbench models`); with the shape and resolution it decides the frame'],
    ['--resolution R', "one of the model's resolutions (the frame's size depends on it)"],
    ['--format F', 'jpeg, png or webp: optional, and must agree with --out'],
    ['--background #rrggbb', 'what shows through transparent pixels (default #000000)'],
  ],
};

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;
const FORMAT_OF_EXTENSION: Readonly<Record<string, 'jpeg' | 'png' | 'webp'>> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
};

/** The output format, from --out's extension; --format may only repeat it. */
function outputFormat(out: string, format: string | undefined): 'jpeg' | 'png' | 'webp' {
  const fromName = FORMAT_OF_EXTENSION[path.extname(out).toLowerCase()];
  if (!fromName)
    throw refusedValue(
      `--out must end in .jpg, .jpeg, .png or .webp (the extension decides the format), not "${path.basename(out)}".`,
    );
  if (format !== undefined && format !== fromName)
    throw refusedValue(
      `--format ${format} does not match --out "${path.basename(out)}" (${fromName}); leave --format out, the extension decides.`,
    );
  return fromName;
}

/** Prepares a reference image exactly as the app does, and writes it to --out. */
export async function prepImage(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'prep-image',
    usage: PREP_IMAGE_HELP.usage,
    positionals: 1,
    options: {
      aspect: { type: 'string' },
      model: { type: 'string' },
      resolution: { type: 'string' },
      format: { type: 'string' },
      background: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (help) {
    io.out(formatCommandHelp(PREP_IMAGE_HELP).join('\n'));
    return EXIT.ok;
  }
  const [input] = positionals;
  if (!input) throw new UsageError(`prep-image takes one input image.\n  ${PREP_IMAGE_HELP.usage}`);
  if (!values.out) throw new UsageError(`prep-image needs --out <file>.\n  ${PREP_IMAGE_HELP.usage}`);
  const catalog = (await context.models()).current();
  const model = findModel(catalog, values.model ?? defaultModelId(catalog, null));
  if (!model) throw noSuchModel(values.model ?? '', catalog);
  if (values.aspect === undefined && paramFor(model, 'aspect'))
    throw new UsageError(`prep-image needs --aspect: ${ASPECT_WORDS}.\n  ${PREP_IMAGE_HELP.usage}`);
  const params = paramsFromFlags(
    model,
    { aspect: values.aspect, resolution: values.resolution },
    PREP_IMAGE_HELP.usage,
  );
  if (values.format !== undefined && !['jpeg', 'png', 'webp'].includes(values.format))
    throw refusedValue('--format must be jpeg, png or webp.');
  const format = outputFormat(values.out, values.format);
  const background = values.background ?? '#000000';
  if (!/^#[0-9a-fA-F]{6}$/.test(background)) throw refusedValue('--background must look like #000000.');
  const output = context.userPath(values.out);
  const folder = await stat(path.dirname(output)).catch(() => null);
  if (!folder?.isDirectory())
    throw new AppError(
      'invalidInput',
      `The folder for --out does not exist: ${path.dirname(output)}`,
      'Create it first, or write somewhere else.',
    );

  const images = context.images;
  const target = { model: model.id, params };
  const inputFile = await requireUserFile(context.userPath(input));
  const inspection = await images.inspect(inputFile, target);
  const prepared = await images.prepare(inputFile, { ...target, format, background });
  await copyFile(prepared.path, output);

  if (json) {
    const { preview, ...facts } = inspection;
    io.out(
      JSON.stringify({
        ok: true,
        input: inputFile,
        output,
        source: facts,
        prepared: { ...prepared, path: output },
      }),
    );
    return EXIT.ok;
  }
  const { crop, source } = prepared;
  const quality = prepared.quality === null ? '' : ` (quality ${prepared.quality})`;
  io.out(
    `Prepared ${path.basename(input)} → ${values.out}: ${prepared.width}×${prepared.height} ${format.toUpperCase()}, ${kilobytes(prepared.bytes)}${quality}; ` +
      `took ${crop.width}×${crop.height} at ${crop.left},${crop.top} of ${source.width}×${source.height}.`,
  );
  for (const finding of inspection.findings) io.out(`  • ${finding.message}`);
  return EXIT.ok;
}
