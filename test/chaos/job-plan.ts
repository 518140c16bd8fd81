import { legacyParams } from '../../shared/catalog/legacy-params.ts';
import type { JobRequestInput } from '../../shared/jobs/job-models.ts';
import { seededRandom } from './seeded-random.ts';

/** The reference images the run makes; `broken` is not an image at all. */
export type ChaosImage = 'landscape' | 'square' | 'portrait' | 'broken';

/** One job the run will ask for, decided by the seed. */
export interface PlannedJob {
  readonly index: number;
  /** Carries `#index` so the driver finds the job (and its retries) in jobs.sqlite. */
  readonly prompt: string;
  readonly model: string;
  readonly duration: number;
  readonly aspect: 'landscape' | 'portrait';
  readonly resolution: string;
  readonly image: ChaosImage | null;
  /** Sent by the app (in a batch with its neighbours of the same `batch`) or by its own `reelbench generate`. */
  readonly via: 'app' | 'cli';
  readonly batch: number;
  /** When it is sent, in ms from the start of the run. */
  readonly at: number;
  /** The user cancels it this long after sending it, or never. */
  readonly cancelAfterMs: number | null;
  /** The user retries it once if it ends without a video. */
  readonly retryOnFailure: boolean;
}

/** The tag in a planned job's prompt. */
export const tagOf = (prompt: string): number | null => {
  const found = /#(\d+)\b/.exec(prompt);
  return found ? Number(found[1]) : null;
};

const SUBJECTS = [
  'a red fox in snow',
  'rain on a tram window',
  'a paper boat on a canal',
  'lanterns over a night market',
  'waves on black sand',
];

/** The jobs of run `seed`, sent over the first `spreadMs` of it. */
export function planJobs(seed: number, count: number, spreadMs: number): PlannedJob[] {
  const random = seededRandom(seed, 'jobs');
  const jobs: PlannedJob[] = [];
  let batch = 0;
  for (let index = 0; index < count; index += 1) {
    const pro = random.chance(0.3);
    const image = random.chance(0.25)
      ? random.pick<ChaosImage>(['landscape', 'landscape', 'square', 'portrait', 'broken'])
      : null;
    const aspect =
      image === 'portrait' ? 'portrait' : image ? 'landscape' : random.pick(['landscape', 'portrait'] as const);
    const via = image === 'broken' || random.chance(0.6) ? 'app' : 'cli';
    const previous = jobs[index - 1];
    // Neighbours sent by the app share a batch now and then (a draft's "generate 3 takes").
    if (!(via === 'app' && previous?.via === 'app' && random.chance(0.5))) batch += 1;
    jobs.push({
      index,
      prompt: `chaos #${index}: ${random.pick(SUBJECTS)}`,
      model: pro ? 'sora-2-pro-preview' : 'sora-2-preview',
      duration: random.pick([4, 8, 12]),
      aspect,
      resolution: pro && random.chance(0.5) ? 'high' : 'standard',
      image,
      via,
      batch,
      at: Math.round((index / Math.max(1, count)) * spreadMs),
      cancelAfterMs: random.chance(0.08) ? random.between(0, 3_000) : null,
      retryOnFailure: random.chance(0.5),
    });
  }
  // A batch is sent when its first job is due.
  const firstAt = new Map<number, number>();
  return jobs.map((job) => {
    if (job.via !== 'app') return job;
    const at = firstAt.get(job.batch) ?? job.at;
    firstAt.set(job.batch, at);
    return { ...job, at };
  });
}

/** The job request the app sends for a planned job. */
export function requestOf(job: PlannedJob, imagePath: (image: ChaosImage) => string): JobRequestInput {
  return {
    prompt: job.prompt,
    model: job.model,
    params: legacyParams(job.model, job),
    images: job.image ? [{ role: 'first', path: imagePath(job.image) }] : [],
  };
}

/** The `reelbench generate` arguments for a planned job. */
export function generateArgs(job: PlannedJob, imagePath: (image: ChaosImage) => string): string[] {
  return [
    'generate',
    '--prompt',
    job.prompt,
    '--model',
    job.model,
    '--duration',
    String(job.duration),
    '--aspect',
    job.aspect,
    ...(job.model === 'sora-2-pro-preview' ? ['--resolution', job.resolution] : []),
    ...(job.image ? ['--image', imagePath(job.image)] : []),
    '--json',
  ];
}
