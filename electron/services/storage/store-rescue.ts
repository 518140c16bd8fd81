// eslint-disable-next-line no-restricted-syntax -- node:sqlite opens synchronously; its folder and file are checked once, as the store opens
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appError } from '../../../shared/i18n/error-text';
import { isDatabaseBusy } from './sqlite-busy';

/** A store that cannot be opened at all, and what would become of it. */
export interface StoreTrouble {
  readonly file: string;
  /** What it holds, for the question: "your generation jobs", "your drafts". */
  readonly holds: string;
  readonly reason: string;
  /** Where it is kept if the user agrees to start with an empty one. */
  readonly setAsideAs: string;
}

/** How a store came through the check. */
export type RescueOutcome = 'sound' | 'setAside' | 'declined';

/**
 * Opens a store once to see that it can be (`probe` opens and closes it). One that cannot — not a database, a
 * header scribbled over — is never deleted: with the user's agreement it is renamed `<file>.damaged-<time>` (with its
 * WAL and shared-memory files) so a new one can be made in its place; without it, nothing is touched.
 */
export async function rescueStore(
  file: string,
  holds: string,
  probe: (file: string) => void,
  agree: (trouble: StoreTrouble) => Promise<boolean>,
  now = new Date(),
  busyWaitMs = 15_000,
): Promise<RescueOutcome> {
  const started = Date.now();
  for (;;) {
    try {
      probe(file);
      return 'sound';
    } catch (error) {
      // Locked by another Reelbench process in the middle of a write (paused, say): wait for it, never call it damage.
      if (!isDatabaseBusy(error)) return setAside(file, holds, error, agree, now);
      if (Date.now() - started >= busyWaitMs) {
        throw appError('internal', 'error.store.busy', { file: path.basename(file), holds });
      }
      await sleep(250);
    }
  }
}

/** With the user's agreement, keeps a store that cannot be opened as `<file>.damaged-<time>`, WAL and all. */
async function setAside(
  file: string,
  holds: string,
  error: unknown,
  agree: (trouble: StoreTrouble) => Promise<boolean>,
  now: Date,
): Promise<RescueOutcome> {
  const setAsideAs = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  const trouble = { file, holds, reason: error instanceof Error ? error.message : String(error), setAsideAs };
  if (!(await agree(trouble))) return 'declined';
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${setAsideAs}${suffix}`);
  }
  return 'setAside';
}

/** The question, in words, for a dialog or a terminal. */
export function describeTrouble(trouble: StoreTrouble): { message: string; cause: string; offer: string } {
  return {
    message: `Reelbench cannot open ${path.basename(trouble.file)}, which holds ${trouble.holds}.`,
    cause: `It may have been damaged by a disk error or an unfinished copy (${trouble.reason}).`,
    offer:
      `Reelbench can keep it as "${path.basename(trouble.setAsideAs)}" — nothing is deleted — and start with an ` +
      'empty one, or quit so you can restore a backup.',
  };
}
