import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/jobs/job-models';
import { api, unwrap } from '../../lib/bridge';

/** Pictures already asked for, by job id (null: there is none to show, or it could not be read). */
const known = new Map<string, string | null>();

/** The picture to show, by what the job is: its filed video's poster, else the frame it was given. */
async function pictureOf(job: Job): Promise<string | null> {
  if (job.phase === 'done' && job.libraryItemId) {
    return unwrap(api().library.get({ id: job.libraryItemId }))
      .then((item) => item.posterUrl)
      .catch(() => null);
  }
  const image = job.request.images.find((candidate) => candidate.role === 'first') ?? job.request.images[0];
  if (!image) return null;
  // The same preparation the upload went through: the row shows exactly the frame APIMart was sent.
  return unwrap(
    api().images.prepare({
      image: image.path,
      model: job.request.model,
      params: job.request.params,
      ...(image.crop ? { crop: image.crop } : {}),
    }),
  )
    .then((prepared) => prepared.preview)
    .catch(() => null);
}

/**
 * A job's picture for its row: the poster of the video it filed, or the reference frame it was given (prepared as it
 * was uploaded), asked once per job and once more when it finishes.
 */
export function useJobPicture(job: Job): string | null {
  const key = `${job.id}:${job.phase === 'done' ? 'poster' : 'frame'}`;
  const [fetched, setFetched] = useState<{ key: string; url: string | null } | null>(null);
  const wanted = job.phase === 'done' || job.request.images.length > 0;
  useEffect(() => {
    if (!wanted || known.has(key)) return undefined;
    let current = true;
    void pictureOf(job).then((url) => {
      known.set(key, url);
      if (current) setFetched({ key, url });
    });
    return () => {
      current = false;
    };
    // The job object changes on every progress tick; what is shown depends only on its id and whether it is done.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, wanted]);
  return fetched?.key === key ? fetched.url : (known.get(key) ?? null);
}
