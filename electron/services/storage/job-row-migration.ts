import { legacyParams } from '../../../shared/catalog/legacy-params';
import { catalogText } from '../../../shared/i18n/error-text';
import { SENT_PHASES, UNSENT_PHASES } from '../../../shared/jobs/job-models';
import { itemIdForJob } from '../library/item-identity';

type Row = Record<string, unknown>;

const has = (list: readonly string[], value: unknown): boolean => typeof value === 'string' && list.includes(value);
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function errorOf(key: 'error.job.unsure' | 'error.job.reasonLost'): Row {
  const { message, action, text } = catalogText(key, {});
  return { code: 'internal', message, ...(action ? { action } : {}), text };
}

/**
 * A request written before requests were `{ model, params, images }`: Sora's duration, aspect and resolution become
 * the model's params, the one reference image its first frame (as the API used it).
 */
function migrateRequest(request: Row): Row {
  if (isRow(request['params'])) return request;
  const { duration, aspect, resolution, imagePath, crop, ...rest } = request;
  return {
    ...rest,
    params: legacyParams(typeof rest['model'] === 'string' ? rest['model'] : '', { duration, aspect, resolution }),
    images: typeof imagePath === 'string' ? [{ role: 'first', path: imagePath, crop: crop ?? null }] : [],
  };
}

/** Internals written when a job had one image: its prepared file and upload become the first of the list. */
export function migrateJobInternals(internals: unknown): unknown {
  if (!isRow(internals) || Array.isArray(internals['images'])) return internals;
  const { preparedPath, preparedKey, uploadUrl, ...rest } = internals;
  const prepared =
    typeof preparedPath === 'string' && typeof preparedKey === 'string'
      ? [{ path: preparedPath, key: preparedKey, url: typeof uploadUrl === 'string' ? uploadUrl : null }]
      : [];
  return { ...rest, images: prepared };
}

/**
 * Brings a job written by an older Reelbench (when a job was one flat object of nullable fields) into the shape its
 * phase now requires, keeping every fact it recorded: a task id and its charge are never dropped. What cannot be
 * made consistent asks for the user's attention instead of being guessed. Rows that already fit pass unchanged.
 */
export function migrateJobRow(job: unknown): unknown {
  if (!isRow(job)) return job;
  const next: Row = { ...job };
  const sentSoFar = typeof next['taskId'] === 'string' && next['taskId'] !== '';
  const request = isRow(next['request']) ? next['request'] : {};
  if (isRow(next['request'])) next['request'] = migrateRequest(next['request']);
  const charge = (): void => {
    if (typeof next['billedSeconds'] !== 'number' && typeof request['duration'] === 'number')
      next['billedSeconds'] = request['duration'];
    if (typeof next['submittedAt'] !== 'string') next['submittedAt'] = next['updatedAt'] ?? next['createdAt'];
  };
  if (has(UNSENT_PHASES, next['phase']) && sentSoFar) {
    // The answer with the task was recorded, the phase not yet: the task is the truth.
    next['phase'] = 'polling';
    charge();
  } else if (has([...SENT_PHASES, 'done', 'expired'], next['phase'])) {
    if (!sentSoFar) {
      next['phase'] = 'needsAttention';
      next['taskId'] = null;
      next['error'] = errorOf('error.job.unsure');
    } else charge();
  } else if (sentSoFar) charge();
  if (next['phase'] === 'done' && typeof next['libraryItemId'] !== 'string' && typeof next['id'] === 'string')
    next['libraryItemId'] = itemIdForJob(next['id']);
  if (next['phase'] !== 'done') next['libraryItemId'] = null;
  if (has(['failed', 'needsAttention', 'expired'], next['phase']) && !isRow(next['error']))
    next['error'] = errorOf('error.job.reasonLost');
  return next;
}
