import { useEffect, useState } from 'react';
import type { Params } from '../../../shared/catalog/video-model';
import { api, unwrap } from '../../lib/bridge';

/** An image (its token) as it will be uploaded for a model and its params (cropped and encoded), as a data: URL. */
export function useFramePreview(image: string | null, model: string, params: Params): string | null {
  const key = image ? JSON.stringify([image, model, params]) : null;
  const [preview, setPreview] = useState<{ key: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!image || !key) return undefined;
    let current = true;
    void unwrap(api().images.prepare({ image, model, params }))
      .then((prepared) => prepared.preview)
      .catch(() => null)
      .then((url) => {
        if (current) setPreview({ key, url });
      });
    return () => {
      current = false;
    };
    // `key` stands for image, model and params together.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return preview?.key === key ? preview.url : null;
}
