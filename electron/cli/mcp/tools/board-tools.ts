import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { BoardScope, Storyboard } from '../../../../shared/boards/board-models';
import { AppError } from '../../../../shared/errors';
import { MAX_SCRIPT_CHARS } from '../../../../shared/script/chat-models';
import { formatMoney, sumMoney } from '../../../../shared/text/money';
import { exportBoardFilm } from '../../board-film-export';
import { findBoard } from '../../commands/board';
import { noSuchModel } from '../../cli-help';
import { answer, guarded, refusal } from '../mcp-answer';
import { billed, type McpSession } from '../mcp-session';
import { jobFacts } from './job-facts';
import { progressNotifier } from '../mcp-progress';
import { boardFacts } from './board-facts';

const boardIdInput = z.string().min(4).max(64).describe('A storyboard id (or its start)');
const confirmInput = z
  .string()
  .max(64)
  .optional()
  .describe('Only when an earlier call answered "needs confirmation": the token it gave');

async function boardNamed(session: McpSession, typed: string): Promise<Storyboard> {
  return findBoard((await session.context.boards()).list(), typed);
}

/** `create_storyboard_from_script`, `generate_storyboard` and `export_film`. */
export function registerBoardTools(server: McpServer, session: McpSession): void {
  const { redact } = session;
  server.registerTool(
    'create_storyboard_from_script',
    {
      title: 'Storyboard from a script (billed, small)',
      description:
        'A chat model breaks a script into shots written for one video model (lengths and shapes it offers), with characters; the storyboard is saved in Reelbench. BILLED at chat rates (usually under a cent; the answer says). Generates no video: generate_storyboard does that.',
      inputSchema: {
        script: z.string().min(1).max(MAX_SCRIPT_CHARS).describe('The script or story, as text'),
        video_model: z.string().min(1).max(200).describe('The video model the shots are for (list_models)'),
        chat_model: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('The chat model that writes them (default: a small one)'),
        confirm_token: confirmInput,
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    ({ script, video_model: videoModel, chat_model: asked, confirm_token: confirmToken }) =>
      guarded(redact, async () => {
        const service = await session.context.script();
        const catalog = (await session.context.models()).current();
        if (!catalog.models.some((model) => model.id === videoModel)) throw noSuchModel(videoModel, catalog);
        const chatModel = asked ?? (await service.chatModels()).defaultModel;
        if (!chatModel)
          throw new AppError('invalidInput', 'APIMart lists no chat model on this key; name one in chat_model.');
        const estimate = service.estimate({ script, videoModel, chatModel });
        // The ceiling holds against the most the request can cost (its longest answer), not the likely cost.
        const cost = estimate.maxCost ?? estimate.cost;
        if (cost === null)
          throw new AppError('invalidInput', `Reelbench does not know what ${chatModel} costs, so nothing was sent.`);
        const args = { script, videoModel, chatModel };
        return billed(session, { tool: 'create_storyboard_from_script', args, cost, confirmToken }, async () => {
          const outcome = await service.breakdown(args);
          if (outcome.kind === 'invalid')
            return refusal(
              redact,
              new AppError(
                'malformed',
                'The chat model did not answer with usable shots, even when asked again. Nothing was created.',
                'Try again, or another chat_model.',
              ),
              {
                problems: outcome.problems.slice(0, 20),
                cost: outcome.usage.cost,
              },
            );
          const board = await boardFacts(outcome.board, session.context);
          return answer(
            redact,
            `Made storyboard ${outcome.board.id} "${outcome.board.title}" with ${outcome.board.shots.length} shots for ${videoModel}; the chat cost ${outcome.usage.cost === null ? 'an unknown amount' : formatMoney(outcome.usage.cost)}. Nothing was generated: generate_storyboard makes its videos (billed).`,
            { board, chatModel, cost: outcome.usage.cost },
          );
        });
      }),
  );

  server.registerTool(
    'generate_storyboard',
    {
      title: 'Generate a storyboard’s shots (billed)',
      description:
        'Queues a video for each shot of a storyboard that has none yet (or the numbered shots): BILLED, the total is stated and checked against the spending ceiling first. Returns the job ids at once; poll job_status or subscribe to each job.',
      inputSchema: {
        board_id: boardIdInput,
        shots: z
          .array(z.number().int().min(1).max(500))
          .max(100)
          .optional()
          .describe('Shot numbers from 1; default: every shot without a take'),
        confirm_token: confirmInput,
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    ({ board_id: typed, shots, confirm_token: confirmToken }) =>
      guarded(redact, async () => {
        const board = await boardNamed(session, typed);
        const boards = await session.context.boards();
        const scopes: BoardScope[] = (shots ?? []).map((number) => {
          const shot = board.shots[number - 1];
          if (!shot)
            throw new AppError(
              'invalidInput',
              `Storyboard ${board.id} has shots 1 to ${board.shots.length}, not ${number}.`,
            );
          return { kind: 'shot', shotId: shot.id };
        });
        if (scopes.length === 0) scopes.push({ kind: 'missing' });
        const plans = scopes.map((scope) => boards.plan(board.id, scope));
        const planned = plans.flatMap((plan) => plan.shots);
        const blocked = plans.flatMap((plan) => plan.blocked);
        if (planned.length === 0)
          return refusal(
            redact,
            new AppError(
              'invalidInput',
              blocked.length > 0
                ? `No shot can be sent: ${blocked.map((shot) => `shot ${shot.index + 1}: ${shot.reason}`).join('; ')}`
                : 'Every shot already has a take; name shots to make new ones.',
            ),
            { billed: false },
          );
        if (planned.some((shot) => shot.cost === null))
          throw new AppError(
            'invalidInput',
            'A shot’s model has no known price, so the spending ceiling cannot be kept; nothing was sent.',
            'The user can set prices: reelbench config set price.MODEL DOLLARS_PER_SECOND',
          );
        const cost = sumMoney(planned.map((shot) => shot.cost ?? 0));
        return billed(
          session,
          { tool: 'generate_storyboard', args: { board: board.id, scopes }, cost, confirmToken },
          async () => {
            await session.runner();
            const jobs = scopes.flatMap((scope) => boards.generate(board.id, scope));
            for (const job of jobs) session.jobIds.add(job.id);
            const facts = await Promise.all(jobs.map((job) => jobFacts(job, session.context)));
            return answer(
              redact,
              `Queued ${jobs.length} shot${jobs.length === 1 ? '' : 's'} of storyboard ${board.id}, about ${formatMoney(cost)} in all (${formatMoney(session.guard.spent())} of this session’s ${formatMoney(session.guard.ceiling)}).${blocked.length > 0 ? ` Not sent: ${blocked.map((shot) => `shot ${shot.index + 1} (${shot.reason})`).join(', ')}.` : ''} Jobs: ${jobs.map((job) => job.id).join(', ')}.`,
              {
                boardId: board.id,
                cost,
                jobs: facts,
                blocked,
                spent: session.guard.spent(),
                ceiling: session.guard.ceiling,
              },
            );
          },
        );
      }),
  );

  server.registerTool(
    'export_film',
    {
      title: 'Join a storyboard into one film',
      description:
        "Joins each shot's chosen take, in order, into one MP4 filed in the Reelbench library (with subtitles from its voice-over lines). Free and local. With file_name, also copies it (and .srt/.vtt, and an editor timeline if asked) into the export folder the user configured (mcp.export-dir); nowhere else.",
      inputSchema: {
        board_id: boardIdInput,
        file_name: z.string().min(1).max(200).optional().describe('A file name such as film.mp4 (no folders)'),
        timeline: z
          .enum(['otio', 'mlt'])
          .optional()
          .describe('Also an editor timeline: otio (DaVinci Resolve) or mlt (Kdenlive, Shotcut)'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ board_id: typed, file_name: fileName, timeline }, extra) =>
      guarded(redact, async () => {
        const board = await boardNamed(session, typed);
        const out = fileName === undefined ? null : exportTarget(session, fileName);
        if (out === null && timeline !== undefined)
          throw new AppError('invalidInput', 'A timeline is written beside a copy of the film: give file_name too.');
        const onProgress = progressNotifier(extra, 'Joining the takes');
        const film = await exportBoardFilm(board, session.context, {
          out,
          timeline: timeline ?? null,
          ...(onProgress ? { onProgress } : {}),
        });
        return answer(
          redact,
          `Joined ${film.shots} shot${film.shots === 1 ? '' : 's'} into a ${film.item.duration ?? '?'} s film, filed in the library: ${film.filed ?? film.item.title}${out ? `; copied to ${out}` : ''}.`,
          {
            videoId: film.item.id,
            path: film.filed,
            duration: film.item.duration,
            shots: film.shots,
            copy: out,
            subtitles: film.subtitles,
            timeline: film.timeline,
            notMixed: film.notMixed,
          },
        );
      }),
  );
}

/** Where a copy may go: only a plain file name, only into the folder the user configured. */
function exportTarget(session: McpSession, fileName: string): string {
  if (session.exportDir === null)
    throw new AppError(
      'invalidInput',
      'No export folder is configured, so the film is only filed in the library (leave out file_name).',
      'The user can allow one: reelbench config set mcp.export-dir /full/path',
    );
  if (fileName !== path.basename(fileName) || fileName.startsWith('.') || fileName.includes('\u0000'))
    throw new AppError('invalidInput', `"${fileName}" is not a plain file name; give one such as film.mp4.`);
  if (!fileName.toLowerCase().endsWith('.mp4'))
    throw new AppError('invalidInput', `file_name names an .mp4 file, not "${fileName}".`);
  return path.join(session.exportDir, fileName);
}
