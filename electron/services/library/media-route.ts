import { itemIdSchema } from '../../../shared/library/library-models';
import type { MediaKind } from './library-items';
import { fileResponse } from './media-response';

const MEDIA_PATH = /^\/media\/(video|poster|reference)\/([^/]+)$/;

/** `/media/video/<id>` → its kind and id; anything else → null. */
function parseMediaPath(pathname: string): { kind: MediaKind; id: string } | null {
  const match = MEDIA_PATH.exec(pathname);
  if (!match || !itemIdSchema.safeParse(match[2]).success) return null;
  return { kind: match[1] as MediaKind, id: match[2] as string };
}

/**
 * Answers a media request: only the listed kinds, only ids in the catalog, only files inside the library.
 * The page never names a path; it gets URLs from the library's answers.
 */
export async function serveMedia(
  pathname: string,
  range: string | null,
  mediaFile: (kind: MediaKind, id: string) => Promise<string | null>,
): Promise<Response> {
  const route = parseMediaPath(pathname);
  const file = route ? await mediaFile(route.kind, route.id) : null;
  return file ? fileResponse(file, range) : new Response('Not found', { status: 404 });
}
