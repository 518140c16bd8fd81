import type { Job, Usage } from '../../../shared/jobs/job-models';
import type { ChatUsageEntry } from '../../../shared/script/chat-models';
import type { SpeechUsageEntry } from '../../../shared/audio/speech';
import { costOf, sumMoney } from '../../../shared/text/money';

/** Billed seconds and cost of the jobs submitted since `from` (the whole ledger with `new Date(0)`). */
export function usageSince(jobs: readonly Job[], from: Date): Usage['today'] {
  const billed = jobs.filter(
    (job) => job.submittedAt !== null && job.billedSeconds !== null && new Date(job.submittedAt) >= from,
  );
  const estimateOf = (job: Job) =>
    job.pricePerSecond === null ? null : costOf(job.pricePerSecond, job.billedSeconds ?? 0);
  // What APIMart reported a task cost wins over the estimate; the estimate is kept beside it.
  const costed = billed.filter((job) => job.reportedCost !== null || job.pricePerSecond !== null);
  const estimated = billed.filter((job) => job.pricePerSecond !== null);
  return {
    jobs: billed.length,
    seconds: billed.reduce((sum, job) => sum + (job.billedSeconds ?? 0), 0),
    cost: costed.length === 0 ? null : sumMoney(costed.map((job) => job.reportedCost ?? estimateOf(job) ?? 0)),
    estimate: estimated.length === 0 ? null : sumMoney(estimated.map((job) => estimateOf(job) ?? 0)),
    unpriced: billed.length - costed.length,
  };
}

/** Billed seconds and cost today and this month (local time), counting every submitted job, failed ones too. */
export function usageOf(jobs: readonly Job[], now: Date): Usage {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const month = new Date(now.getFullYear(), now.getMonth(), 1);
  return {
    today: usageSince(jobs, today),
    month: usageSince(jobs, month),
    chat: { today: chatUsageOf([], today), month: chatUsageOf([], month) },
    speech: { today: speechUsageOf([], today), month: speechUsageOf([], month) },
  };
}

/** Lines spoken since `from`: how many, their length, and their cost where the price was known. */
function speechUsageOf(entries: readonly SpeechUsageEntry[], from: Date): Usage['speech']['today'] {
  const counted = entries.filter((entry) => new Date(entry.at) >= from);
  const priced = counted.filter((entry) => entry.cost !== null);
  return {
    requests: counted.length,
    seconds: counted.reduce((sum, entry) => sum + entry.seconds, 0),
    cost: priced.length === 0 ? null : sumMoney(priced.map((entry) => entry.cost ?? 0)),
    unpriced: counted.length - priced.length,
  };
}

/** The ledgers of what is billed besides video: chat tokens and spoken lines. */
export interface OtherLedgers {
  readonly chat: { since(from: Date): ChatUsageEntry[] };
  readonly speech: { since(from: Date): SpeechUsageEntry[] };
}

/** The job usage with the chat and speech ledgers' lines of this month added. */
export function withLedgers(usage: Usage, ledgers: OtherLedgers, now: Date): Usage {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const month = new Date(now.getFullYear(), now.getMonth(), 1);
  const chat = ledgers.chat.since(month);
  const speech = ledgers.speech.since(month);
  return {
    ...usage,
    chat: { today: chatUsageOf(chat, today), month: chatUsageOf(chat, month) },
    speech: { today: speechUsageOf(speech, today), month: speechUsageOf(speech, month) },
  };
}

/** Chat requests since `from`: how many, their tokens, and their cost where the price was known. */
function chatUsageOf(entries: readonly ChatUsageEntry[], from: Date): Usage['chat']['today'] {
  const counted = entries.filter((entry) => new Date(entry.at) >= from);
  const priced = counted.filter((entry) => entry.cost !== null);
  return {
    requests: counted.length,
    tokens: counted.reduce((sum, entry) => sum + entry.promptTokens + entry.completionTokens, 0),
    cost: priced.length === 0 ? null : sumMoney(priced.map((entry) => entry.cost ?? 0)),
    unpriced: counted.length - priced.length,
  };
}
