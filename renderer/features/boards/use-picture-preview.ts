import { useEffect, useState } from 'react';
import { api, unwrap } from '../../lib/bridge';

/** A small preview of an image (its token; a character's reference), as a data: URL; null while it loads or if unreadable. */
export function usePicturePreview(image: string | null): string | null {
  const [preview, setPreview] = useState<{ image: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!image) return undefined;
    let current = true;
    void unwrap(api().images.inspect({ image }))
      .then((inspection) => inspection.preview)
      .catch(() => null)
      .then((url) => {
        if (current) setPreview({ image, url });
      });
    return () => {
      current = false;
    };
  }, [image]);
  return preview?.image === image ? preview.url : null;
}
