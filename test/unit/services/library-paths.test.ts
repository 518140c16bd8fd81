import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileStemFor,
  isTempFile,
  isVideo,
  resolveInside,
  stemOfVideo,
  toRelative,
} from '../../../electron/services/library/library-paths';

const root = path.resolve('/library');
const DAY = new Date('2026-11-30T12:00:00Z');

describe('library paths', () => {
  it('stores relative paths with "/" and resolves them back inside the library', () => {
    const absolute = path.join(root, 'clips', '2026', 'fox.mp4');
    expect(toRelative(root, absolute)).toBe('clips/2026/fox.mp4');
    expect(resolveInside(root, 'clips/2026/fox.mp4')).toBe(absolute);
    expect(resolveInside(root, '..draft.mp4')).toBe(path.join(root, '..draft.mp4'));
    // A colon inside a name is an ordinary character here; only a leading drive letter is refused.
    expect(resolveInside(root, 'clips/take:2.mp4')).toBe(path.join(root, 'clips', 'take:2.mp4'));
  });

  it('refuses every relative path that would leave the library or is not one', () => {
    for (const relative of [
      '',
      '.',
      'clips/..',
      '../etc/passwd',
      'a/../../b',
      '/etc/passwd',
      'C:/Windows',
      'c:x',
      'a\0b',
    ])
      expect(resolveInside(root, relative), JSON.stringify(relative)).toBeNull();
  });

  it('knows videos and temps by their whole ending', () => {
    expect(isVideo('fox.mp4')).toBe(true);
    expect(isVideo('FOX.MP4')).toBe(true);
    expect(isVideo('fox.mp4.part')).toBe(false);
    expect(stemOfVideo('clips/fox.mp4')).toBe('clips/fox');
    expect(isTempFile('fox.reelbench.json.123456')).toBe(true);
    expect(isTempFile('fox.reelbench-tmp')).toBe(true);
    expect(isTempFile('fox.reelbench.json.123456.bak')).toBe(false);
    expect(isTempFile('fox.reelbench.json')).toBe(false);
  });
});

describe('file stems from titles', () => {
  it('folds compatibility forms and runs of spaces, and keeps eight words', () => {
    expect(fileStemFor('ｒｅｄ　ｆｏｘ', DAY)).toBe('2026-11-30 red fox');
    expect(fileStemFor('  red \t\n  fox  ', DAY)).toBe('2026-11-30 red fox');
    expect(fileStemFor('one two three four five six seven eight nine ten', DAY)).toBe(
      '2026-11-30 one two three four five six seven eight',
    );
    expect(fileStemFor('   ', DAY)).toBe('2026-11-30');
  });

  it('keeps up to 180 UTF-8 bytes of words, cut between characters', () => {
    expect(fileStemFor('x'.repeat(180), DAY)).toBe(`2026-11-30 ${'x'.repeat(180)}`);
    expect(fileStemFor('x'.repeat(181), DAY)).toBe(`2026-11-30 ${'x'.repeat(180)}`);
    // 60 three-byte characters fill 180 bytes exactly; the 61st does not fit.
    expect(fileStemFor('가'.repeat(61), DAY)).toBe(`2026-11-30 ${'가'.repeat(60)}`);
  });
});
