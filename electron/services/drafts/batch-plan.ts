import { randomInt } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { applyCommonOptions, coerceParam, validateGeneration } from '../../../shared/catalog/generation-request';
import { findModel, paramNamed, secondsOf } from '../../../shared/catalog/model-lookup';
import type { ModelCatalog, Params, VideoModel } from '../../../shared/catalog/video-model';
import type { BatchPlan, BatchSpec } from '../../../shared/drafts/batch-models';
import type { Draft } from '../../../shared/drafts/draft-models';
import { appError } from '../../../shared/i18n/error-text';

export type { BatchPlan, BatchSpec } from '../../../shared/drafts/batch-models';

/** One planned job. */
export type PlannedJob = BatchPlan['jobs'][number];

const MAX_JOBS = 200;
/** CSV columns that name the request itself rather than a parameter. */
const REQUEST_COLUMNS = new Set(['prompt', 'model', 'duration', 'aspect', 'resolution']);

interface Row {
  readonly row: number;
  readonly prompt: string;
  /** The CSV's own columns (none for variations and lines). */
  readonly columns: Readonly<Record<string, string>>;
}

function rowsOf(spec: BatchSpec, prompt: string): Row[] {
  if (spec.mode === 'variations')
    return Array.from({ length: spec.count }, (_, index) => ({ row: index + 1, prompt, columns: {} }));
  if (spec.mode === 'lines') {
    return spec.text
      .split(/\r?\n/)
      .map((line, index) => ({ row: index + 1, prompt: line.trim(), columns: {} }))
      .filter((entry) => entry.prompt.length > 0);
  }
  let records: Record<string, string>[];
  try {
    records = parse(spec.text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw appError('invalidInput', 'error.batch.csvUnreadable', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (records.length > 0 && !('prompt' in (records[0] ?? {})))
    throw appError('invalidInput', 'error.batch.noPromptColumn');
  return records.map((record, index) => ({ row: index + 2, prompt: record['prompt'] ?? '', columns: record }));
}

/**
 * One row's model and params: the draft's, with the row's model, its duration, aspect and resolution put into
 * whatever fields that model uses, and any column named like one of its parameters; or why the row cannot be a job.
 */
function settingsOf(
  row: Row,
  draft: Draft,
  catalog: ModelCatalog,
): { model: string; params: Params } | { problem: string } {
  const modelId = row.columns['model'] || draft.model;
  const model = findModel(catalog, modelId);
  if (!model) return { problem: `"${modelId}" is not a video model Reelbench knows.` };
  const base: Record<string, Params[string]> = modelId === draft.model ? { ...draft.params } : {};
  for (const [name, text] of Object.entries(row.columns)) {
    const param = REQUEST_COLUMNS.has(name) || text === '' ? undefined : paramNamed(model, name);
    if (param) base[name] = coerceParam(param, text);
  }
  const number = (text: string | undefined) => (text ? Number(text) : undefined);
  const { params, issues } = applyCommonOptions(model, base, {
    duration: number(row.columns['duration']),
    aspect: row.columns['aspect'] || undefined,
    resolution: row.columns['resolution'] || undefined,
  });
  return issues.length > 0 ? { problem: issues.map((issue) => issue.message).join(' ') } : { model: model.id, params };
}

/** The largest seed drawn: every model's seed range reaches it (some stop at a signed 32-bit integer). */
const SEED_CEILING = 2 ** 31 - 1;

/**
 * A variation's params with a seed of its own where the model takes one, so each is a different take of the same
 * intent (a model without a seed differs by chance alone); a seed the draft set is what varies.
 */
function withFreshSeed(model: VideoModel, params: Params, seed: (low: number, high: number) => number): Params {
  const param = paramNamed(model, 'seed');
  if (param?.kind !== 'number') return params;
  const low = Math.max(param.min ?? 0, 0);
  const high = Math.min(param.max ?? SEED_CEILING, SEED_CEILING);
  return high > low ? { ...params, seed: seed(low, high) } : params;
}

/**
 * Turns a batch description into jobs, checking each against its model, with the total seconds and the estimated
 * cost (seconds × each model's price per second). Nothing is queued here.
 */
export function planBatch(
  spec: BatchSpec,
  draft: Draft,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
  seed: (low: number, high: number) => number = (low, high) => randomInt(low, high + 1),
): BatchPlan {
  const jobs: PlannedJob[] = [];
  const skipped: { row: number; reason: string }[] = [];
  for (const entry of rowsOf(spec, draft.prompt)) {
    const found = settingsOf(entry, draft, catalog);
    const model = 'problem' in found ? undefined : findModel(catalog, found.model);
    const settings =
      spec.mode === 'variations' && model && !('problem' in found)
        ? { ...found, params: withFreshSeed(model, found.params, seed) }
        : found;
    const checked =
      'problem' in settings
        ? { ok: false as const, issues: [{ field: 'model', message: settings.problem }] }
        : validateGeneration(
            catalog,
            {
              ...settings,
              prompt: entry.prompt,
              images: draft.images.map((image) => ({ role: image.role, url: image.path })),
            },
            { imagesUploaded: false },
          );
    if (!checked.ok) {
      skipped.push({ row: entry.row, reason: checked.issues.map((issue) => issue.message).join(' ') });
      continue;
    }
    jobs.push({ prompt: checked.request.prompt, model: checked.request.model, params: checked.request.params });
  }
  if (jobs.length > MAX_JOBS)
    throw appError('invalidInput', 'error.batch.tooMany', { count: jobs.length, max: MAX_JOBS });
  const seconds = jobs.map((job) => {
    const model = findModel(catalog, job.model);
    return (model && secondsOf(model, job.params)) ?? 0;
  });
  const prices = jobs.map((job) => price(job.model));
  const estimatedCost = prices.some((value) => value === null)
    ? null
    : Math.round(jobs.reduce((sum, _job, index) => sum + (seconds[index] ?? 0) * (prices[index] ?? 0), 0) * 10_000) /
      10_000;
  return { jobs, totalSeconds: seconds.reduce((sum, value) => sum + value, 0), estimatedCost, skipped };
}
