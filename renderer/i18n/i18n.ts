import { en, type MessageKey } from './messages-en';
import { ko } from './messages-ko';

/** A language the interface is translated into. */
export type Language = 'en' | 'ko';

const CATALOGS: Readonly<Record<Language, Record<MessageKey, string>>> = { en, ko };

/** `system` → the OS language when translated (Korean), English otherwise. */
export function resolveLanguage(setting: 'system' | Language, systemLanguages: readonly string[]): Language {
  if (setting !== 'system') return setting;
  return systemLanguages.some((tag) => tag.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

/** A translator bound to a language: messages with `{values}` filled in, numbers and dates in local formats. */
export interface Translator {
  readonly language: Language;
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(value: string | Date): string;
}

/** Creates a translator. */
export function translator(language: Language): Translator {
  const catalog = CATALOGS[language];
  const numbers = new Intl.NumberFormat(language);
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    language,
    t(key, values = {}) {
      return catalog[key].replace(/\{(\w+)\}/g, (match, name: string) => {
        const value = values[name];
        if (value === undefined) return match;
        return typeof value === 'number' ? numbers.format(value) : value;
      });
    },
    number: (value, options) => (options ? new Intl.NumberFormat(language, options) : numbers).format(value),
    date: (value) => dates.format(typeof value === 'string' ? new Date(value) : value),
  };
}
