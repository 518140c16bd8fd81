import { LANGUAGES, type Language } from './languages';
import { formatMoneyAmount } from '../text/money';
import { en } from './messages-en';
import { ja } from './messages-ja';
import { ko } from './messages-ko';
import type { Catalog, LooseParams, Message, MessageKey, ParamArgs, PluralForms } from './message-types';
import { zh } from './messages-zh';

export { LANGUAGES, type Language } from './languages';

/** The catalogs, English first: it is the source every other is checked against. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, ko, ja, zh };

/** `system` → the first of the OS's preferred languages that Reelbench is translated into, English otherwise. */
export function resolveLanguage(setting: 'system' | Language, systemLanguages: readonly string[]): Language {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

/** A translator bound to a language: messages with their values filled in, numbers and dates in local formats. */
export interface Translator {
  readonly language: Language;
  /** A message of the catalog, its placeholders type-checked. */
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** Whether a key that arrived as data (over IPC, from disk) is in the catalog. */
  has(key: string): key is MessageKey;
  /** A message named by data: null when the catalog has no such key. */
  format(key: string, params?: LooseParams): string | null;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** An amount of money's digits, the same rule as everywhere (`1.05`, `0.0672`); the message holds the sign. */
  money(amount: number): string;
  date(value: string | Date): string;
}

const isPlural = (message: Message): message is PluralForms => typeof message !== 'string';

/** Creates a translator. */
export function translator(language: Language): Translator {
  const catalog = CATALOGS[language];
  const numbers = new Intl.NumberFormat(language);
  const plurals = new Intl.PluralRules(language);
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const has = (key: string): key is MessageKey => Object.hasOwn(catalog, key);

  function fill(key: MessageKey, values: LooseParams): string {
    const message: Message = catalog[key];
    const count = values['count'];
    const text = isPlural(message)
      ? (message[plurals.select(typeof count === 'number' ? count : Number(count ?? 0))] ?? message.other)
      : message;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = values[name];
      if (value === undefined) return match;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  }

  return {
    language,
    t: (key, ...params) => fill(key, params[0] ?? {}),
    has,
    format: (key, params = {}) => (has(key) ? fill(key, params) : null),
    number: (value, options) => (options ? new Intl.NumberFormat(language, options) : numbers).format(value),
    money: (amount) => formatMoneyAmount(amount, language),
    date: (value) => dates.format(typeof value === 'string' ? new Date(value) : value),
  };
}
