import { formatMoney } from '../../../shared/text/money';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { JobRunner } from '../../services/jobs/job-runner';
import type { CliContext } from '../cli-context';
import { pending, refusal, type Redact } from './mcp-answer';
import { AppError } from '../../../shared/errors';
import type { SpendGuard } from './spend-guard';

/** What every tool of one MCP session shares: the CLI's composed services, the redactor and the money guard. */
export interface McpSession {
  readonly context: CliContext;
  readonly redact: Redact;
  readonly guard: SpendGuard;
  /** A folder films may be copied into besides the library (from `mcp.export-dir`), or null. */
  readonly exportDir: string | null;
  /** The job runner, started: it runs this session's jobs (and only those) for as long as the session lasts. */
  runner(): Promise<JobRunner>;
  /** The jobs this session queued, newest last: what `reelbench://job/…` lists and what is announced when done. */
  readonly jobIds: Set<string>;
}

/** What a billed tool asks of the guard: its name, the arguments that decide what it costs, and that cost. */
export interface BilledCall {
  readonly tool: string;
  readonly args: unknown;
  readonly cost: number;
  readonly confirmToken: string | undefined;
}

/**
 * Runs `make` only when the guard allows the call: over the ceiling, or when confirmation is asked for, the answer
 * says so (nothing is sent or billed). The cost counts against the session from the moment the call is let through.
 */
export async function billed(
  session: McpSession,
  call: BilledCall,
  make: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  const refuse = (reason: string, data: Record<string, unknown>) =>
    refusal(session.redact, new AppError('invalidInput', reason), data);
  const confirm = (text: string, data: Record<string, unknown>) => pending(session.redact, text, data);
  const decision = session.guard.check(call, call.confirmToken);
  if (decision.kind === 'over')
    return refuse(
      `This would cost about ${formatMoney(decision.cost)}, and this session has spent ${formatMoney(decision.spent)} of its ${formatMoney(decision.ceiling)} ceiling, so nothing was sent or billed. The user can raise it: reelbench config set mcp.max-spend DOLLARS (then restart the MCP server).`,
      { reason: 'ceiling', cost: decision.cost, spent: decision.spent, ceiling: decision.ceiling, billed: false },
    );
  if (decision.kind === 'badToken')
    return refuse(
      'That confirmation token is not one this session issued for exactly this call (or it was used or expired). Call again without confirm_token to get a new one.',
      { billed: false },
    );
  if (decision.kind === 'confirm')
    return confirm(
      `Needs confirmation: this costs about ${formatMoney(decision.cost)}. Nothing was sent. To go ahead, call ${call.tool} again with the same arguments and confirm_token "${decision.token}" (valid ${decision.expiresInSeconds / 60} minutes, once).`,
      {
        needsConfirmation: true,
        cost: decision.cost,
        confirmToken: decision.token,
        spent: session.guard.spent(),
        ceiling: session.guard.ceiling,
        billed: false,
      },
    );
  return make();
}
