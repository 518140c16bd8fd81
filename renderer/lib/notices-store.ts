import { create } from 'zustand';
import type { AppErrorData, MessageRef } from '../../shared/errors';
import type { PlainMessageKey } from '../../shared/i18n/message-types';
import { toErrorData } from './bridge';

/** What a notice says: a catalog message (translated when shown, so a language change reaches it) or an error. */
export type NoticeText =
  { readonly key: PlainMessageKey } | { readonly message: MessageRef } | { readonly error: AppErrorData };

/** What just happened, as the one toast every feature uses; with Undo where undo exists. */
export interface NoticeInput {
  readonly text: NoticeText;
  /** Brings back what was just done; offered as a button (and Ctrl/Cmd+Z) while the notice shows. */
  readonly undo?: () => Promise<void>;
  /** How long it shows; an Undo shows for as long as the undo can work. */
  readonly durationMs?: number;
  /** Where tests find it (a second notice with the same id replaces the first). */
  readonly testId?: string;
  readonly undoTestId?: string;
}

/** A notice on screen. */
export interface Notice extends NoticeInput {
  readonly id: number;
}

/** The toasts on screen, newest last. */
export interface NoticesStore {
  readonly notices: readonly Notice[];
  notify(input: NoticeInput): number;
  /** Reports a failure of an action the user took. */
  fail(error: unknown, testId?: string): void;
  dismiss(id: number): void;
  /** Runs the Undo of a notice (the newest that has one when no id is given), then takes it away. */
  undo(id?: number): Promise<void>;
}

const SHOWN_AT_ONCE = 3;
const INFO_MS = 6_000;
const ERROR_MS = 12_000;

/** The notices store. */
export const useNoticesStore = create<NoticesStore>()((set, get) => {
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const dismiss = (id: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
  };
  return {
    notices: [],
    notify(input) {
      const id = nextId++;
      const replaced = input.testId ? get().notices.filter((notice) => notice.testId === input.testId) : [];
      for (const old of replaced) dismiss(old.id);
      const kept = get().notices.slice(-(SHOWN_AT_ONCE - 1));
      for (const dropped of get().notices.filter((notice) => !kept.includes(notice))) dismiss(dropped.id);
      set({ notices: [...kept, { ...input, id }] });
      const lasts = input.durationMs ?? ('error' in input.text ? ERROR_MS : INFO_MS);
      timers.set(
        id,
        setTimeout(() => dismiss(id), lasts),
      );
      return id;
    },
    fail(error, testId) {
      get().notify({ text: { error: toErrorData(error) }, ...(testId ? { testId } : {}) });
    },
    dismiss,
    async undo(id) {
      const notice =
        id === undefined
          ? [...get().notices].reverse().find((candidate) => candidate.undo)
          : get().notices.find((candidate) => candidate.id === id);
      if (!notice?.undo) return;
      dismiss(notice.id);
      try {
        await notice.undo();
      } catch (error) {
        get().fail(error);
      }
    },
  };
});
