import { describe, expect, it } from 'vitest';
import { fileStemFor } from '../../../electron/services/library/library-paths';
import { toFtsQuery } from '../../../electron/services/storage/fts-query';

const DAY = new Date('2026-11-30T12:00:00Z');
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

describe('file names made from titles', () => {
  it('never holds a lone surrogate, even when the title is cut inside an emoji', () => {
    const stem = fileStemFor(`${'a'.repeat(179)}🎬🎬`, DAY);
    expect(stem.isWellFormed()).toBe(true);
    expect(fileStemFor('\uD83C broken half', DAY)).toBe('2026-11-30 \uFFFD broken half');
  });

  it('drops bidi overrides and other format characters, so a name reads as what it is', () => {
    expect(fileStemFor('clip\u202Egpj.exe', DAY)).toBe('2026-11-30 clip gpj.exe');
    expect(fileStemFor('zero\u200Dwidth', DAY)).toBe('2026-11-30 zero width');
  });

  it("keeps Windows' rules: no reserved characters, no trailing dot or space", () => {
    expect(fileStemFor('a:b*c?d"e<f>g|h', DAY)).toBe('2026-11-30 a b c d e f g h');
    expect(fileStemFor('ends with dots...', DAY)).toBe('2026-11-30 ends with dots');
    expect(fileStemFor('CON', DAY)).toBe('2026-11-30 CON'); // the date prefix keeps it from being a device name
  });

  it('stays well inside 255 UTF-8 bytes with the longest suffix, for any script', () => {
    for (const title of ['가'.repeat(300), '𝒜'.repeat(300), 'x'.repeat(300)]) {
      const stem = fileStemFor(title, DAY);
      expect(utf8(`${stem}.reelbench.json`)).toBeLessThan(255);
    }
  });
});

describe('search words', () => {
  it('keeps combining marks: Devanagari and Thai words are searched whole', () => {
    expect(toFtsQuery('हिन्दी')).toBe('"हिन्दी"*');
    expect(toFtsQuery('ภาพยนตร์')).toBe('"ภาพยนตร์"*');
  });
});
