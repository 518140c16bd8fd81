import { AppError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs/job-models';

/**
 * The job a typed id names: the whole id, or a prefix only one job has (the eight characters `reelbench jobs` shows).
 * Not found or ambiguous is refused, saying which jobs it could be.
 */
export function jobByPrefix(jobs: readonly Job[], typed: string): Job {
  const prefix = typed.trim().toLowerCase();
  const exact = jobs.find((job) => job.id === prefix);
  if (exact) return exact;
  const matches = prefix === '' ? [] : jobs.filter((job) => job.id.startsWith(prefix));
  const [only, ...others] = matches;
  if (only && others.length === 0) return only;
  if (!only)
    throw new AppError('notFound', `No job has an id starting with "${typed}".`, '`reelbench jobs` lists them.');
  throw new AppError(
    'invalidInput',
    `"${typed}" could be ${matches.length} jobs (${matches.map((job) => job.id.slice(0, 12)).join(', ')}).`,
    'Type more of the id.',
  );
}
