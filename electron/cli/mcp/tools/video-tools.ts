import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { formatMoney } from '../../../../shared/text/money';
import { jobByPrefix } from '../../commands/job-ids';
import { changeLine } from '../../change-line';
import { requireAgentImage } from '../agent-files';
import { answer, guarded } from '../mcp-answer';
import { billed, type McpSession } from '../mcp-session';
import { jobFacts, jobLine, jobUri } from './job-facts';
import { modelNamed } from './model-named';
import { GENERATE_SHAPE, requestFor } from './video-request';
import { defaultModelId } from '../../../../shared/catalog/model-catalog';
import { applyCommonOptions } from '../../../../shared/catalog/generation-request';

const jobIdInput = { job_id: z.string().min(4).max(64).describe('The job id generate_video answered (or its start)') };

async function sessionJob(session: McpSession, typed: string) {
  const runner = await session.runner();
  return jobByPrefix(runner.list(), typed);
}

/** `prepare_image`, `generate_video`, `job_status` and `cancel_job`. */
export function registerVideoTools(server: McpServer, session: McpSession): void {
  const { redact } = session;
  server.registerTool(
    'prepare_image',
    {
      title: 'Prepare an image for a model',
      description:
        "Crops and encodes an image exactly as generate_video will send it (the model's frame, under its size limit) and says what was taken and any problem (too small, cropped a lot). Free; the prepared copy stays in Reelbench's own cache. The path must be a full path to an image file.",
      inputSchema: {
        path: z.string().min(1).max(4096).describe('The image file’s full path'),
        model: z.string().min(1).max(200).optional().describe('The model it is for (default: the usual one)'),
        aspect: z.string().min(1).max(20).optional().describe('The video’s shape, such as 16:9'),
        resolution: z.string().min(1).max(40).optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) =>
      guarded(redact, async () => {
        const catalog = (await session.context.models()).current();
        const model = await modelNamed(session, input.model ?? defaultModelId(catalog, null));
        const common = applyCommonOptions(model, {}, { aspect: input.aspect, resolution: input.resolution });
        if (common.issues.length > 0)
          throw new AppError('invalidInput', common.issues.map((issue) => issue.message).join(' '));
        const file = await requireAgentImage(input.path);
        const target = { model: model.id, params: common.params };
        const inspection = await session.context.images.inspect(file, target);
        const prepared = await session.context.images.prepare(file, {
          ...target,
          format: 'jpeg',
          background: '#000000',
        });
        const { crop, source } = prepared;
        const findings = inspection.findings.map((finding) => finding.message);
        return answer(
          redact,
          `Prepared for ${model.id}: ${prepared.width}×${prepared.height}, took ${crop.width}×${crop.height} at ${crop.left},${crop.top} of ${source.width}×${source.height}.${findings.length > 0 ? ` ${findings.join(' ')}` : ''}`,
          { model: model.id, input: file, prepared, findings },
        );
      }),
  );

  server.registerTool(
    'generate_video',
    {
      title: 'Generate a video (billed)',
      description:
        'Sends one video to be generated through APIMart: BILLED (the answer states the cost; estimate_cost says it first). Returns a job id at once; the video takes minutes. Poll job_status or subscribe to the job resource; when done the video is in the Reelbench library. Refused without sending when it would pass this session’s spending ceiling. If the answer says "needs confirmation", call again with the same arguments and its confirm_token.',
      inputSchema: GENERATE_SHAPE,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    ({ confirm_token: confirmToken, title, ...asked }) =>
      guarded(redact, async () => {
        const request = await requestFor(session, asked);
        if (!(await session.context.keyStore.status()).present)
          throw new AppError(
            'noKey',
            'No APIMart API key is set, so nothing was sent.',
            'The user sets one with: reelbench key set',
          );
        if (request.cost === null)
          throw new AppError(
            'invalidInput',
            `Reelbench does not know what ${request.model.id} costs, so it cannot keep within the spending ceiling; nothing was sent.`,
            `The user can set its price: reelbench config set price.${request.model.id} DOLLARS_PER_SECOND`,
          );
        const cost = request.cost;
        return billed(session, { tool: 'generate_video', args: { ...asked, title }, cost, confirmToken }, async () => {
          const runner = await session.runner();
          const job = runner.enqueue({
            model: request.model.id,
            prompt: request.prompt,
            params: request.params,
            images: [...request.images],
            title: title ?? null,
          });
          session.jobIds.add(job.id);
          const changes = request.changes.map(changeLine);
          return answer(
            redact,
            `Queued job ${job.id}: ${request.seconds} s on ${request.model.id}, about ${formatMoney(cost)} (billed when APIMart takes it). This session has now committed ${formatMoney(session.guard.spent())} of its ${formatMoney(session.guard.ceiling)} ceiling. Poll job_status every 10–30 s, or subscribe to ${jobUri(job.id)}.`,
            {
              ...(await jobFacts(job, session.context)),
              cost,
              seconds: request.seconds,
              changes,
              spent: session.guard.spent(),
              ceiling: session.guard.ceiling,
            },
          );
        });
      }),
  );

  server.registerTool(
    'job_status',
    {
      title: 'How a video job is doing',
      description:
        'Where a job is (queued, generating with progress, downloading, done, failed, cancelled), why it waits, what it cost, and when done the video’s library id and file path. Free.',
      inputSchema: jobIdInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ job_id: typed }) =>
      guarded(redact, async () => {
        const facts = await jobFacts(await sessionJob(session, typed), session.context);
        return answer(redact, jobLine(facts), facts);
      }),
  );

  server.registerTool(
    'cancel_job',
    {
      title: 'Cancel a video job',
      description:
        'Stops a job this session queued. Before APIMart took it, nothing is billed; once taken, APIMart may still bill it (the answer says). Its video, if any, is not filed.',
      inputSchema: jobIdInput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    ({ job_id: typed }) =>
      guarded(redact, async () => {
        const runner = await session.runner();
        const named = await sessionJob(session, typed);
        // The user's own jobs (the window's, the CLI's) are the user's to cancel, not an assistant's.
        if (!session.jobIds.has(named.id))
          throw new AppError(
            'invalidInput',
            `Job ${named.id} was not queued through this MCP session, so it is left alone.`,
            'The user can cancel it in the Reelbench app or with: reelbench jobs cancel ID',
          );
        const job = runner.cancel(named.id);
        const facts = await jobFacts(job, session.context);
        const sent = job.taskId !== null;
        return answer(
          redact,
          `${jobLine(facts)}${sent ? ' APIMart had already taken it, so it may still be billed.' : ' Nothing was billed.'}`,
          { ...facts, mayBeBilled: sent },
        );
      }),
  );
}
