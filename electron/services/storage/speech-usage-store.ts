import { speechUsageEntrySchema, type SpeechUsageEntry } from '../../../shared/audio/speech';
import { openLedgerStore, type LedgerStore } from './ledger-store';

/** The speech side of the usage ledger: one line per line spoken (voice-over), kept with the boards it was for. */
export type SpeechUsageStore = LedgerStore<SpeechUsageEntry>;

/** Opens (or creates) the `speech_usage` table in the drafts database. */
export function openSpeechUsageStore(file: string): SpeechUsageStore {
  return openLedgerStore(file, 'speech_usage', speechUsageEntrySchema);
}
