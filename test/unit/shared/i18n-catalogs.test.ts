import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodeSchema, AppError } from '../../../shared/errors';
import { appError, errorText } from '../../../shared/i18n/error-text';
import type { Message } from '../../../shared/i18n/message-types';
import { CATALOGS, LANGUAGES, resolveLanguage, translator } from '../../../shared/i18n/translator';

const english = CATALOGS.en as Readonly<Record<string, Message>>;
const keys = Object.keys(english);
const textsOf = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message: Message) =>
  [...new Set(textsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();

/** Every catalog key a source file names in quotes (`'error.image.missing'`), templates and comments aside. */
function keysNamedIn(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && !name.startsWith('messages-'))
        for (const match of readFileSync(file, 'utf8').matchAll(
          /'((?:error|finding|job\.warning|notify|menu|dialog)\.[\w.-]+|catalog\.(?:resolution|model)\.[\w.-]+)'/g,
        ))
          found.set(match[1] ?? '', file);
    }
  };
  walk(folder);
  return found;
}

describe('message catalogs', () => {
  it.each(LANGUAGES)('%s has every message, none empty, with the placeholders of the English one', (language) => {
    const catalog = CATALOGS[language] as Readonly<Record<string, Message>>;
    expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const message = catalog[key] as Message;
      for (const text of textsOf(message)) expect(text.trim(), `${language} ${key}`).not.toBe('');
      expect(placeholders(message), `${language} ${key}`).toEqual(placeholders(english[key] as Message));
      if (typeof message !== 'string') expect(message.other, `${language} ${key}`).toBeTruthy();
    }
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s is a translation, not a copy of the English',
    (language) => {
      const catalog = CATALOGS[language] as Readonly<Record<string, Message>>;
      const copied = keys.filter((key) => JSON.stringify(catalog[key]) === JSON.stringify(english[key]));
      // Names and shortcuts read the same everywhere ("Ctrl+Enter", "Reelbench"); sentences never do.
      expect(copied.filter((key) => /\s\w+\s/.test(textsOf(english[key] as Message)[0] ?? ''))).toEqual([]);
    },
  );

  it('words every error code in every language, so no error reaches a window without a sentence', () => {
    for (const language of LANGUAGES)
      for (const code of errorCodeSchema.options)
        expect(translator(language).format(`error.code.${code}`), `${language} ${code}`).toBeTruthy();
  });

  it('has a message for every key the main process and the window name, and a message for every next step', () => {
    const named = new Map([...keysNamedIn('electron'), ...keysNamedIn('renderer'), ...keysNamedIn('shared')]);
    const missing = [...named].filter(
      ([key]) => !keys.includes(key) && !keys.some((known) => known.startsWith(`${key}.`)),
    );
    expect(missing).toEqual([]);
    for (const key of keys.filter((candidate) => candidate.endsWith('.action'))) {
      const base = key.slice(0, -'.action'.length);
      expect(keys, key).toContain(base);
    }
  });
});

describe('translator', () => {
  it('chooses plural forms by the language’s rules and formats numbers in it', () => {
    const en = translator('en');
    expect(en.t('library.count', { count: 1 })).toBe('1 video');
    expect(en.t('library.count', { count: 1500 })).toBe('1,500 videos');
    expect(translator('ko').t('library.count', { count: 1 })).toBe('동영상 1개');
  });

  it('leaves unknown keys to the caller and follows the OS’s first translated language', () => {
    expect(translator('ja').format('no.such.key')).toBeNull();
    expect(resolveLanguage('system', ['fr-FR', 'ja-JP', 'ko-KR'])).toBe('ja');
    expect(resolveLanguage('system', ['zh-Hans-CN'])).toBe('zh');
    expect(resolveLanguage('system', ['fr-FR'])).toBe('en');
    expect(resolveLanguage('ko', ['ja-JP'])).toBe('ko');
  });

  it('shows an error in the reader’s language from its message key, and its code’s sentence when it names none', () => {
    const wrongKey = appError('auth', 'error.auth').toData();
    expect(wrongKey.message).toBe('This key was rejected by APIMart.');
    expect(errorText(translator('ko'), wrongKey).message).toBe(translator('ko').t('error.auth'));
    expect(errorText(translator('ko'), wrongKey).action).toBe(translator('ko').t('error.auth.action'));
    const unnamed = new AppError('invalidInput', 'The API address must start with https://').toData();
    expect(errorText(translator('ja'), unnamed)).toEqual({
      message: translator('ja').t('error.code.invalidInput'),
      action: 'The API address must start with https://',
    });
    expect(errorText(translator('en'), unnamed)).toEqual({ message: 'The API address must start with https://' });
  });
});
