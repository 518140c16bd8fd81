import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aspectSchema } from '../../../shared/catalog/catalog-schema';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import { normalizeAspect } from '../../../shared/catalog/catalog-lookup';
import { resolveAppPaths } from '../../services/app-paths';
import { createImageService } from '../../services/images/image-service';
import { EXIT, UsageError, type CliIo } from '../cli-io';

/** One line of usage. */
export const PREP_IMAGE_USAGE =
  'reelbench prep-image <input> --aspect landscape|portrait [--model M] [--resolution standard|high] [--format jpeg|png|webp] [--background #rrggbb] --out <file> [--json]';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Prepares a reference image exactly as the app does, and writes it to --out. */
export async function prepImage(args: readonly string[], io: CliIo, dataDir: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      aspect: { type: 'string' },
      model: { type: 'string', default: MODEL_CATALOG.defaultModel },
      resolution: { type: 'string' },
      format: { type: 'string', default: 'jpeg' },
      background: { type: 'string', default: '#000000' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new UsageError(`prep-image takes exactly one input image.\n  ${PREP_IMAGE_USAGE}`);
  if (!values.out) throw new UsageError(`prep-image needs --out <file>.\n  ${PREP_IMAGE_USAGE}`);
  const aspect = aspectSchema.safeParse(normalizeAspect(MODEL_CATALOG, values.aspect ?? ''));
  if (!aspect.success) throw new UsageError('--aspect must be landscape (16:9) or portrait (9:16).');
  if (!['jpeg', 'png', 'webp'].includes(values.format)) throw new UsageError('--format must be jpeg, png or webp.');
  if (!/^#[0-9a-fA-F]{6}$/.test(values.background)) throw new UsageError('--background must look like #000000.');
  const format = values.format as 'jpeg' | 'png' | 'webp';

  const images = createImageService({ cacheDir: resolveAppPaths(dataDir).cacheDir });
  const target = { model: values.model, resolution: values.resolution, aspect: aspect.data };
  const inspection = await images.inspect(path.resolve(input), target);
  const prepared = await images.prepare(path.resolve(input), { ...target, format, background: values.background });
  const output = path.resolve(values.out);
  await mkdir(path.dirname(output), { recursive: true });
  await copyFile(prepared.path, output);

  if (values.json) {
    const { preview, ...facts } = inspection;
    io.out(JSON.stringify({ ok: true, input: path.resolve(input), output, source: facts, prepared: { ...prepared, path: output } }));
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
