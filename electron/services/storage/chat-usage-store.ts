import { chatUsageEntrySchema, type ChatUsageEntry } from '../../../shared/script/chat-models';
import { openLedgerStore, type LedgerStore } from './ledger-store';

/** The chat side of the usage ledger: one line per chat request, kept beside the drafts it helped write. */
export type ChatUsageStore = LedgerStore<ChatUsageEntry>;

/** Opens (or creates) the `chat_usage` table in the drafts database. */
export function openChatUsageStore(file: string): ChatUsageStore {
  return openLedgerStore(file, 'chat_usage', chatUsageEntrySchema);
}
