import { parse } from 'csv-parse/sync';
import { validateGeneration } from '../../../shared/catalog/generation-request';
import type { ModelCatalog } from '../../../shared/catalog/video-model';
import { draftParams } from '../../../shared/drafts/draft-request';
import type { BatchPlan, BatchSpec } from '../../../shared/drafts/batch-models';
import type { GenerationParams } from '../../../shared/drafts/draft-models';

export type { BatchPlan, BatchSpec } from '../../../shared/drafts/batch-models';
import { appError } from '../../../shared/i18n/error-text';

/** One planned job. */
export type PlannedJob = BatchPlan['jobs'][number];

const MAX_JOBS = 200;

function rowsOf(
  spec: BatchSpec,
  prompt: string,
): { row: number; prompt: string; params: Partial<Record<keyof GenerationParams, string | number>> }[] {
  if (spec.mode === 'variations')
    return Array.from({ length: spec.count }, (_, index) => ({ row: index + 1, prompt, params: {} }));
  if (spec.mode === 'lines') {
    return spec.text
      .split(/\r?\n/)
      .map((line, index) => ({ row: index + 1, prompt: line.trim(), params: {} }))
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
  return records.map((record, index) => ({
    row: index + 2,
    prompt: record['prompt'] ?? '',
    params: {
      ...(record['model'] ? { model: record['model'] } : {}),
      ...(record['duration'] ? { duration: Number(record['duration']) } : {}),
      ...(record['aspect'] ? { aspect: record['aspect'] } : {}),
      ...(record['resolution'] ? { resolution: record['resolution'] } : {}),
    },
  }));
}

/**
 * Turns a batch description into jobs, checking each against the catalog, with the total seconds and the estimated
 * cost (seconds × the user's price per second for each model). Nothing is queued here.
 */
export function planBatch(
  spec: BatchSpec,
  prompt: string,
  params: GenerationParams,
  catalog: ModelCatalog,
  price: (model: string) => number | null,
): BatchPlan {
  const jobs: PlannedJob[] = [];
  const skipped: { row: number; reason: string }[] = [];
  for (const entry of rowsOf(spec, prompt)) {
    const merged = { ...params, ...entry.params };
    const fields = {
      model: String(merged.model),
      duration: Number(merged.duration),
      aspect: String(merged.aspect),
      resolution: String(merged.resolution),
    };
    const fitted = draftParams(catalog, fields);
    const checked = fitted.ok
      ? validateGeneration(catalog, { model: fields.model, prompt: entry.prompt, params: fitted.params })
      : fitted;
    if (!checked.ok) {
      skipped.push({ row: entry.row, reason: checked.issues.map((issue) => issue.message).join(' ') });
      continue;
    }
    jobs.push({ prompt: checked.request.prompt, params: fields });
  }
  if (jobs.length > MAX_JOBS)
    throw appError('invalidInput', 'error.batch.tooMany', { count: jobs.length, max: MAX_JOBS });
  const totalSeconds = jobs.reduce((sum, job) => sum + job.params.duration, 0);
  const prices = jobs.map((job) => price(job.params.model));
  const estimatedCost = prices.some((value) => value === null)
    ? null
    : Math.round(jobs.reduce((sum, job, index) => sum + job.params.duration * (prices[index] ?? 0), 0) * 10_000) /
      10_000;
  return { jobs, totalSeconds, estimatedCost, skipped };
}
