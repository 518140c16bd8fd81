import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { itemIdSchema, type LibraryItem } from '../../../../shared/library/library-models';
import type { CliContext } from '../../cli-context';
import { answer, guarded } from '../mcp-answer';
import type { McpSession } from '../mcp-session';
import { videoUri } from './job-facts';

/** A library video as an agent reads it: what it is and where its file is (never the window's media URLs). */
export async function videoFacts(item: LibraryItem, context: CliContext): Promise<Record<string, unknown>> {
  const library = (await context.library()).current();
  return {
    id: item.id,
    uri: videoUri(item.id),
    title: item.title,
    prompt: item.prompt,
    model: item.model,
    duration: item.duration,
    resolution: item.resolution,
    aspect: item.aspect,
    createdAt: item.createdAt,
    favorite: item.favorite,
    tags: item.tags,
    path: await library.mediaFile('video', item.id),
  };
}

/** `search_library` and `get_video`: read-only, local, free. */
export function registerLibraryTools(server: McpServer, session: McpSession): void {
  const { redact } = session;
  server.registerTool(
    'search_library',
    {
      title: 'Search the video library',
      description:
        "Finds videos in the user's Reelbench library by words in their title or prompt (newest first), optionally only favorites or one model. Free and local.",
      inputSchema: {
        query: z.string().max(500).optional().describe('Words to find in titles and prompts; empty lists the newest'),
        model: z.string().max(200).optional(),
        favorites: z.boolean().optional(),
        limit: z.number().int().min(1).max(50).optional().describe('At most this many (default 20)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(redact, async () => {
        const library = (await session.context.library()).current();
        const page = library.list({
          ...(input.query ? { search: input.query } : {}),
          ...(input.model ? { model: input.model } : {}),
          ...(input.favorites ? { favorites: true } : {}),
          limit: input.limit ?? 20,
        });
        const videos = await Promise.all(page.items.map((item) => videoFacts(item, session.context)));
        const lines = videos.map(
          (video) => `${String(video['id'])}: ${String(video['title'])} (${String(video['path'])})`,
        );
        return answer(
          redact,
          `${page.total} video${page.total === 1 ? '' : 's'} match${lines.length > 0 ? `:\n${lines.join('\n')}` : '.'}`,
          {
            total: page.total,
            videos,
          },
        );
      }),
  );

  server.registerTool(
    'get_video',
    {
      title: 'One library video',
      description: "A library video's title, prompt, model, length and its file's path. Free and local.",
      inputSchema: { id: itemIdSchema.describe('A video id from search_library or job_status') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id }) =>
      guarded(redact, async () => {
        const item = (await session.context.library()).current().get(id);
        const video = await videoFacts(item, session.context);
        return answer(redact, `${item.title}: ${String(video['path'])}`, { video });
      }),
  );
}
