import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { TERMINAL_PHASES, type Job } from '../../../shared/jobs/job-models';
import type { JobRunner } from '../../services/jobs/job-runner';
import { createRedactor } from '../../services/logging/logger';
import type { CliContext } from '../cli-context';
import { registerResources } from './mcp-resources';
import type { McpSession } from './mcp-session';
import { createSpendGuard } from './spend-guard';
import { registerBoardTools } from './tools/board-tools';
import { jobUri, videoUri } from './tools/job-facts';
import { registerLibraryTools } from './tools/library-tools';
import { registerModelTools } from './tools/model-tools';
import { registerVideoTools } from './tools/video-tools';

/** A Reelbench MCP server and what closing it must stop. */
export interface ReelbenchMcp {
  readonly server: McpServer;
  /** Stops running this session's jobs (they stay queued for `reelbench jobs resume` or the app). */
  close(): Promise<void>;
}

const INSTRUCTIONS = [
  "Reelbench generates videos through the user's APIMart account and keeps them in a local library.",
  'generate_video, generate_storyboard and create_storyboard_from_script are billed: estimate_cost first, and mind',
  "the session's spending ceiling, which refuses calls past it. Jobs take minutes: poll job_status or subscribe to",
  'reelbench://job/{id}. Paths you pass must be full paths to image files.',
].join(' ');

/**
 * The MCP server on the CLI's composed services (one wiring for both): tools, resources, and notifications when a job
 * of this session changes phase or ends. The spending ceiling and confirmation are read from settings at start.
 */
export async function createReelbenchMcp(context: CliContext, version: string): Promise<ReelbenchMcp> {
  const redact = createRedactor(() => context.keyStore.secretsForRedaction());
  // Reading the key's status once makes it known to the redactor before any answer is written.
  await context.keyStore.status().catch(() => undefined);
  const settings = context.settings.current().mcp;
  const server = new McpServer(
    { name: 'reelbench', version },
    {
      capabilities: { resources: { subscribe: true, listChanged: true }, logging: {} },
      instructions: INSTRUCTIONS,
    },
  );
  const subscribed = new Set<string>();
  let runner: Promise<JobRunner> | undefined;
  const lastPhase = new Map<string, Job['phase']>();
  const session: McpSession = {
    context,
    redact,
    guard: createSpendGuard({ ceiling: settings.maxSpend, confirm: settings.confirm }),
    exportDir: settings.exportDir,
    jobIds: new Set(),
    runner: () =>
      (runner ??= context.pipeline({ adopt: false }).then((pipeline) => {
        pipeline.runner.start();
        return pipeline.runner;
      })),
  };
  registerModelTools(server, session);
  registerVideoTools(server, session);
  registerLibraryTools(server, session);
  registerBoardTools(server, session);
  registerResources(server, session);
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });

  const announce = (job: Job) => {
    if (!session.jobIds.has(job.id) || lastPhase.get(job.id) === job.phase) return;
    lastPhase.set(job.id, job.phase);
    const uri = jobUri(job.id);
    if (subscribed.has(uri)) void server.server.sendResourceUpdated({ uri }).catch(() => undefined);
    if (!TERMINAL_PHASES.has(job.phase)) return;
    const filed = job.phase === 'done' && job.libraryItemId ? ` Its video: ${videoUri(job.libraryItemId)}.` : '';
    if (filed) server.sendResourceListChanged();
    void server
      .sendLoggingMessage({
        level: 'info',
        logger: 'reelbench',
        data: redact(`Job ${job.id} ended: ${job.phase}.${filed}`),
      })
      .catch(() => undefined);
  };
  const stopListening = context.onJobChange(announce);
  return {
    server,
    async close() {
      stopListening();
      if (runner) await (await runner).stop();
      await server.close();
    },
  };
}
