import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '../../../shared/errors';
import type { McpSession } from './mcp-session';
import { boardFacts, boardUri } from './tools/board-facts';
import { jobFacts, jobUri, videoUri } from './tools/job-facts';
import { videoFacts } from './tools/library-tools';

// A listing an agent reads whole: the newest ones, as a window's first page would show them.
const LISTED = 100;

const asJson = (uri: URL, data: unknown, redact: (text: string) => string): ReadResourceResult => ({
  contents: [{ uri: uri.href, mimeType: 'application/json', text: redact(JSON.stringify(data, null, 2)) }],
});

const single = (value: string | string[] | undefined): string => {
  const id = Array.isArray(value) ? value[0] : value;
  if (!id || id.length > 64) throw new AppError('notFound', 'That resource does not exist.');
  return id;
};

/** Library videos, storyboards and this session's jobs as resources an agent can list, read and subscribe to. */
export function registerResources(server: McpServer, session: McpSession): void {
  const { context, redact } = session;
  server.registerResource(
    'video',
    new ResourceTemplate('reelbench://video/{id}', {
      list: async () => {
        const library = (await context.library()).current();
        const { items } = library.list({ limit: LISTED });
        return {
          resources: items.map((item) => ({
            uri: videoUri(item.id),
            name: redact(item.title),
            mimeType: 'application/json',
            description: redact(
              `${item.model ?? 'video'}, ${item.duration ?? '?'} s: ${item.prompt ?? ''}`.slice(0, 300),
            ),
          })),
        };
      },
    }),
    {
      title: 'Library video',
      description: 'A video in the Reelbench library: its facts and file path',
      mimeType: 'application/json',
    },
    async (uri, { id }) => {
      const item = (await context.library()).current().get(single(id));
      return asJson(uri, await videoFacts(item, context), redact);
    },
  );
  server.registerResource(
    'board',
    new ResourceTemplate('reelbench://board/{id}', {
      list: async () => ({
        resources: (await context.boards())
          .list()
          .slice(0, LISTED)
          .map((board) => ({
            uri: boardUri(board.id),
            name: redact(board.title.trim() || 'Untitled storyboard'),
            mimeType: 'application/json',
            description: `${board.shots.length} shots`,
          })),
      }),
    }),
    {
      title: 'Storyboard',
      description: 'A storyboard: its shots, their settings and chosen takes',
      mimeType: 'application/json',
    },
    async (uri, { id }) => {
      const board = (await context.boards()).get(single(id));
      return asJson(uri, await boardFacts(board, context), redact);
    },
  );
  server.registerResource(
    'job',
    new ResourceTemplate('reelbench://job/{id}', {
      list: async () => {
        const runner = await session.runner();
        return {
          resources: [...session.jobIds].map((id) => ({
            uri: jobUri(id),
            name: `Job ${id.slice(0, 8)}`,
            mimeType: 'application/json',
            description: runner.get(id).phase,
          })),
        };
      },
    }),
    {
      title: 'Video job',
      description: 'A job this session queued: subscribe to hear when it changes phase and when it ends',
      mimeType: 'application/json',
    },
    async (uri, { id }) => {
      const runner = await session.runner();
      return asJson(uri, await jobFacts(runner.get(single(id)), context), redact);
    },
  );
}
