import { AppError, type AppErrorData, type ErrorCode, type MessageRef } from '../errors';
import type { MessageKey, MessageParams, ParamArgs } from './message-types';
import { translator, type Translator } from './translator';

const english = translator('en');

/** A catalog message as English text (for logs and the CLI) and as a reference each window translates. */
export interface CatalogText {
  readonly message: string;
  /** The message's `.action` companion, when the catalog has one: what to do next. */
  readonly action: string | undefined;
  readonly text: MessageRef;
}

/** The English of a catalog message and its next step, with the reference to show it translated. */
export function catalogText<K extends MessageKey>(key: K, params: MessageParams<K>): CatalogText {
  const values = params as Readonly<Record<string, string | number>>;
  return {
    message: english.format(key, values) ?? key,
    action: english.format(`${key}.action`, values) ?? undefined,
    text: { key, params: { ...values } },
  };
}

/** An error a service throws on purpose, worded by the catalog: `key`, and `key.action` as its next step. */
export function appError<K extends MessageKey>(code: ErrorCode, key: K, ...params: ParamArgs<K>): AppError {
  const { message, action, text } = catalogText(key, (params[0] ?? {}) as MessageParams<K>);
  return new AppError(code, message, action, text);
}

/** A message reference shown in the reader's language; null when this catalog does not know it. */
export function translateRef(t: Translator, ref: MessageRef | null | undefined): string | null {
  return ref ? t.format(ref.key, ref.params) : null;
}

/**
 * What a window shows for an error: the catalog message it names, in the reader's language; an error that names
 * none (a validation message, an older process) shows its code's sentence, with the English detail after it.
 */
export function errorText(t: Translator, error: AppErrorData): { readonly message: string; readonly action?: string } {
  const message = translateRef(t, error.text);
  if (message !== null && error.text) {
    const action = error.actionText
      ? translateRef(t, error.actionText)
      : t.format(`${error.text.key}.action`, error.text.params);
    return action === null ? { message } : { message, action };
  }
  if (t.language === 'en' || error.message === '')
    return error.action === undefined ? { message: error.message } : { message: error.message, action: error.action };
  return { message: t.t(`error.code.${error.code}`), action: error.message };
}
