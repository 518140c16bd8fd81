import { findModel } from '../../../shared/catalog/model-lookup';
import { changeLine } from '../change-line';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { RecastPlan, RecastRequest } from '../../../shared/boards/recast-models';
import { formatMoney } from '../../../shared/text/money';
import { noSuchModel } from '../cli-help';
import { EXIT, printable, refusedValue, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { queueAndWatch } from './board-edit';

/** What `board recast` is told. */
export interface RecastFlags {
  readonly model: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly timeoutMs: number | undefined;
  readonly timeout?: string | undefined;
}

/** Where a yes or no comes from when no `--yes` is given: the terminal, if there is one. */
export interface Answerer {
  readonly isTTY: boolean;
  readonly stream: AsyncIterable<Buffer | string>;
}

const money = (cost: number | null) => (cost === null ? 'no price' : formatMoney(cost));
const requestWords = (request: RecastRequest) =>
  `${request.modelLabel} · ${request.seconds} s · ${money(request.cost)}`;

/** The side-by-side table, one shot per block: before → after, then what changed and why. */
function tableLines(plan: RecastPlan, title: string, modelLabel: string): string[] {
  const lines = [`Recast "${printable(title)}" onto ${modelLabel}:`];
  for (const row of plan.rows) {
    const after = row.after ? requestWords(row.after) : 'cannot be made';
    lines.push(`  ${row.index + 1}. ${requestWords(row.before)}  →  ${after}`);
    for (const change of row.changes) lines.push(`       ${changeLine(change)}`);
    if (row.blocked) lines.push(`       cannot be sent: ${printable(row.blocked)}`);
  }
  const sendable = plan.rows.filter((row) => row.after && !row.blocked).length;
  lines.push(
    `Total for ${sendable} shot${sendable === 1 ? '' : 's'}: ${money(plan.totalBefore)} now → ${money(plan.totalAfter)} on ${modelLabel}.`,
  );
  return lines;
}

async function askYes(answerer: Answerer, io: CliIo, question: string): Promise<boolean> {
  io.err(`${question} [y/N]`);
  let text = '';
  for await (const chunk of answerer.stream) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return /^\s*y(es)?\s*$/i.test(text.split('\n')[0] ?? '');
}

/**
 * `board recast ID --model M`: the table of every shot's request now and on M (what changed, the cost before and
 * after), then — confirmed at the terminal, or with `--yes` — the shots moved onto M and one new take of each queued
 * (billed) and watched into the library. Old takes stay. `--dry-run` shows the table only.
 */
export async function recastBoard(
  board: Storyboard,
  flags: RecastFlags,
  io: CliIo,
  context: CliContext,
  tty: { isTTY: boolean; write(text: string): void },
  answerer: Answerer,
  json: boolean,
): Promise<number> {
  const catalog = (await context.models()).current();
  const model = findModel(catalog, flags.model);
  if (!model) throw noSuchModel(flags.model, catalog);
  if (model.state === 'unavailable') throw refusedValue(`${model.label} is no longer offered — choose another.`);
  const boards = await context.boards();
  const target = { model: model.id };
  const plan = boards.recastPlan(board.id, target);
  const sendable = plan.rows.filter((row) => row.after !== null && row.blocked === null);
  if (!json || flags.dryRun) {
    if (json) {
      io.out(JSON.stringify({ ok: true, applied: false, plan }));
      return EXIT.ok;
    }
    for (const line of tableLines(plan, board.title.trim() || 'Untitled storyboard', model.label)) io.err(line);
  }
  if (flags.dryRun) return EXIT.ok;
  if (sendable.length === 0)
    throw refusedValue(`No shot of this storyboard can be made on ${model.label}.`, 'See why above (--dry-run).');
  const blocked = plan.rows.length - sendable.length;
  const cost = plan.totalAfter === null ? '' : ` for ${formatMoney(plan.totalAfter)}`;
  const question = `Move ${sendable.length} shot${sendable.length === 1 ? '' : 's'} onto ${model.label} and generate ${sendable.length === 1 ? 'it' : 'them'}${cost}?${blocked > 0 ? ` (${blocked} cannot be made there and stay as they are.)` : ''}`;
  if (!flags.yes) {
    if (!answerer.isTTY)
      throw refusedValue(
        `Recasting bills ${sendable.length} new take${sendable.length === 1 ? '' : 's'}${cost}: nothing was changed.`,
        'Run it again with --yes to apply it (or --dry-run to see the table only).',
      );
    if (!(await askYes(answerer, io, question))) {
      io.err('Nothing was changed.');
      return EXIT.ok;
    }
  }
  const shotIds = sendable.map((row) => row.shotId);
  return queueAndWatch(() => boards.recast(board.id, target, shotIds).jobs, flags, io, context, tty, json, {
    applied: true,
    plan,
  });
}
