import { useEffect, useState } from 'react';
import { api, unwrap } from '../../lib/bridge';

/** A small preview of an image file (a character's reference), as a data: URL; null while it loads or if unreadable. */
export function usePicturePreview(path: string | null): string | null {
  const [preview, setPreview] = useState<{ path: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!path) return undefined;
    let current = true;
    void unwrap(api().images.inspect({ path }))
      .then((inspection) => inspection.preview)
      .catch(() => null)
      .then((url) => {
        if (current) setPreview({ path, url });
      });
    return () => {
      current = false;
    };
  }, [path]);
  return preview?.path === path ? preview.url : null;
}
