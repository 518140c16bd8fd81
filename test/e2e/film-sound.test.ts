import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SequenceRecord } from '../../shared/boards/board-models';
import { SIDECAR_SUFFIX } from '../../shared/library/sidecar';
import type { LibraryService } from '../../electron/services/library/library-service';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { keychainGate } from '../support/keychain-probe';
import { makeClip, makeTone, probe } from '../support/media-clips';
import { loudnessOf, soundLevel } from '../support/sound-levels';
import { boardOfTakes } from '../support/filed-takes';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const run = promisify(execFile);
const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let fixtures: string;
let take: string;
let song: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-sound-'));
  // Takes whose own sound is a quiet 440 Hz tone; music a 660 Hz tone; the fake speaks at 180 Hz.
  take = await makeClip(path.join(fixtures, 'take.mp4'), { seconds: 3, width: 640, height: 360 });
  song = path.join(fixtures, 'song.wav');
  await makeTone(song, 660, 20);
});
afterEach(async () => {
  await app.close();
  await fake.close();
});
afterAll(async () => {
  await closeBrowser();
  await rm(fixtures, { recursive: true, force: true });
});

/** The app over a fake APIMart (its key stored), with a board of two filed takes of the clip, open in the window. */
async function openBoard(title: string) {
  fake = await startFakeApimart({ estimatedSeconds: 0 });
  app = await launchApp({ apiBaseUrl: fake.baseUrl });
  await app.keyStore.set(fake.apiKey);
  const library = app.library.current();
  const board = await boardOfTakes(app.services, library, title, [take, take], fixtures);
  return { library, board };
}

/** Shows the storyboard (both takes' posters in) in the window. */
async function showBoard() {
  const { page } = app;
  await page.getByTestId('nav-boards').click();
  await page.getByTestId('board-item').first().click();
  await expect.poll(() => page.locator('.shot-card .shot-frame img').count(), { timeout: 20_000 }).toBe(2);
}

/** The exported film's file, once the window says it is in the library. */
async function exportedFile(library: LibraryService, title: string): Promise<string> {
  await app.page.getByTestId('board-notice').getByText(`"${title}" is in the library.`).waitFor({ timeout: 90_000 });
  const film = library.list({}).items.find((item) => item.title === title);
  return (await library.mediaFile('video', film?.id ?? '')) ?? '';
}

describe.skipIf(gate.skip)('a film with voice-over and music', () => {
  it(
    'mixes takes, voice and ducked music in the window, levels it and files it with subtitles',
    { timeout: 120_000 },
    async () => {
      const { library, board } = await openBoard('Harbour sound');
      const { boards, voiceOver, musicFiles } = app.services;
      const [first, second] = boards.get(board.id).shots;
      boards.updateShot(board.id, first?.id ?? '', {
        voiceOver: { text: 'They left at dawn.', speakerId: null, voice: null, speed: 1 },
      });
      await voiceOver.speak(board.id, first?.id ?? '');
      boards.updateShot(board.id, second?.id ?? '', { sound: { volume: 0.5, muted: false } });
      await musicFiles.add(board.id, song);

      const { page } = app;
      await showBoard();
      await page.getByTestId('board-export').click();
      const file = await exportedFile(library, 'Harbour sound');

      const facts = await probe(file);
      const audio = facts.streams.filter((stream) => stream.codec_type === 'audio');
      expect(audio).toHaveLength(1);
      expect(['aac', 'opus']).toContain(audio[0]?.codec_name);
      expect(Number(facts.format.duration)).toBeCloseTo(6, 0);
      // FFmpeg decodes all of it without a complaint.
      const decoded = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
      expect(decoded.stderr).toBe('');
      // Levelled to −16 LUFS (±1), as FFmpeg's own EBU R 128 meter reads it.
      const loudness = await loudnessOf(file);
      expect(loudness).toBeGreaterThan(-17);
      expect(loudness).toBeLessThan(-15);
      // The voice (0–1.2 s) stands over the music, which is lowered while it speaks and comes back after.
      const voice = await soundLevel(file, 0.3, 1.0, 180);
      const musicUnderVoice = await soundLevel(file, 0.3, 1.0, 660);
      const musicAlone = await soundLevel(file, 2.5, 5.5, 660);
      expect(voice - musicUnderVoice).toBeGreaterThan(6);
      expect(musicAlone - musicUnderVoice).toBeGreaterThan(8);

      // Its record says how it was made; its subtitle track and the line are in it.
      const record = JSON.parse(await readFile(file.replace(/\.mp4$/, SIDECAR_SUFFIX), 'utf8')) as {
        sequence: SequenceRecord;
      };
      expect(record.sequence).toMatchObject({
        lossless: true,
        subtitles: 1,
        sound: { source: 'mix', codec: audio[0]?.codec_name === 'aac' ? expect.stringMatching(/^(aac|mp4a)/) : 'opus' },
        shots: [{ line: { text: 'They left at dawn.', speaker: 'Narrator', voice: 'alloy' } }, { line: null }],
      });
      expect(record.sequence.sound?.music).toEqual([
        { name: 'song.wav', start: 0, end: expect.closeTo(6, 1), volume: 0.6 },
      ]);
      expect(Math.abs((record.sequence.sound?.loudness ?? 0) - loudness)).toBeLessThan(1);
      expect((await readFile(file)).includes('They left at dawn.')).toBe(true);
      await mkdir(RESULTS, { recursive: true });
      expect(app.pageErrors).toEqual([]);
    },
  );

  it(
    'cuts a trimmed shot to its in and out points, encoding the takes again, its sound cut with it',
    { timeout: 120_000 },
    async () => {
      const { library, board } = await openBoard('Harbour cut');
      app.services.boards.updateShot(board.id, board.shots[1]?.id ?? '', { trim: { in: 0.5, out: 2 } });

      const { page } = app;
      await showBoard();
      await page.getByTestId('board-export').click();
      const file = await exportedFile(library, 'Harbour cut');

      const facts = await probe(file);
      // Three seconds of the first take and one and a half of the second.
      expect(Number(facts.format.duration)).toBeGreaterThan(4.4);
      expect(Number(facts.format.duration)).toBeLessThan(4.7);
      expect(facts.chapters.map((chapter) => Number(chapter.start_time))).toEqual([0, expect.closeTo(3, 1)]);
      const record = JSON.parse(await readFile(file.replace(/\.mp4$/, SIDECAR_SUFFIX), 'utf8')) as {
        sequence: SequenceRecord;
      };
      expect(record.sequence).toMatchObject({
        lossless: false,
        sound: { source: 'mix' },
        shots: [{ trim: { in: 0, out: expect.closeTo(3, 1) } }, { trim: { in: 0.5, out: 2 } }],
      });
      // The takes' own sound plays to the film's end, levelled like any film.
      expect(await soundLevel(file, 3.2, 4.3)).toBeGreaterThan(-30);
      expect(Math.abs((await loudnessOf(file)) + 16)).toBeLessThan(1);
      expect(app.pageErrors).toEqual([]);
    },
  );

  it(
    'burns the subtitles into the pictures in the style chosen, where and when the line is spoken',
    { timeout: 120_000 },
    async () => {
      const { library, board } = await openBoard('Harbour words');
      const first = board.shots[0]?.id ?? '';
      app.services.boards.updateShot(board.id, first, {
        voiceOver: { text: 'They left at dawn.', speakerId: null, voice: null, speed: 1 },
      });
      await app.services.voiceOver.speak(board.id, first);

      const { page } = app;
      await showBoard();
      await page.getByTestId('board-export-more').click();
      await page.getByRole('menuitem', { name: 'Film with subtitles in the picture…' }).click();
      const dialog = page.getByTestId('burn-dialog');
      await dialog.waitFor();
      await expect(dialog.getByTestId('burn-cues').textContent()).resolves.toBe('1 subtitle from the spoken lines');
      await dialog.getByTestId('burn-large').click();
      await mkdir(RESULTS, { recursive: true });
      for (const [width, height] of [
        [1280, 800],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: path.join(RESULTS, `boards-burn-dialog-${width}.png`) });
      }
      await dialog.getByTestId('burn-export').click();
      const file = await exportedFile(library, 'Harbour words');
      expect(app.services.boards.get(board.id).subtitleStyle).toEqual({ position: 'bottom', size: 'large', box: true });

      // The bottom of the picture differs from the take's own while the line is spoken, and not after; the top never.
      const bottom = { top: 270, height: 80 };
      const upper = { top: 10, height: 80 };
      const during = await bandDifference(file, take, 0.6, bottom);
      const after = await bandDifference(file, take, 2.4, bottom);
      const above = await bandDifference(file, take, 0.6, upper);
      // A frame of the film as exported, to look at.
      await run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-ss',
        '0.6',
        '-i',
        file,
        '-frames:v',
        '1',
        path.join(RESULTS, 'boards-burned-frame.png'),
      ]);
      expect(during).toBeGreaterThan(12);
      expect(during).toBeGreaterThan(after * 3);
      expect(above).toBeLessThan(during / 3);
      expect(app.pageErrors).toEqual([]);
    },
  );

  it('shows the film as lanes (pictures, voice, music) and trims a shot by dragging its edge or with the keys', async () => {
    const { board } = await openBoard('Harbour lanes');
    const { boards, voiceOver, musicFiles } = app.services;
    const [first, second] = board.shots.map((shot) => shot.id);
    boards.updateShot(board.id, first ?? '', {
      voiceOver: { text: 'They left at dawn.', speakerId: null, voice: null, speed: 1 },
    });
    await voiceOver.speak(board.id, first ?? '');
    await musicFiles.add(board.id, song);
    await showBoard();
    const { page } = app;
    const lanes = page.getByTestId('film-lanes');
    await lanes.getByTestId('lane-voice').getByText('They left at dawn.').waitFor();
    await expect(lanes.getByTestId('lane-music').textContent()).resolves.toBe('song.wav');
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await lanes.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, `boards-lanes-${width}.png`) });
    }
    // Shot 2's out edge dragged left by a sixth of the film (six seconds): it ends a second earlier.
    const track = await lanes.getByTestId('lane-picture').boundingBox();
    const edge = await lanes.getByTestId('lane-out-2').boundingBox();
    if (!track || !edge) throw new Error('the picture lane is shown');
    const y = edge.y + edge.height / 2;
    await page.mouse.move(edge.x + edge.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 - track.width / 12, y, { steps: 4 });
    await page.mouse.move(edge.x + edge.width / 2 - track.width / 6, y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => boards.get(board.id).shots[1]?.trim.out ?? 0).toBeCloseTo(2, 1);
    expect(boards.get(board.id).shots[1]?.id).toBe(second);
    // Shot 1's in point a frame later with →, a second later with Shift+→.
    await lanes.getByTestId('lane-in-1').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => boards.get(board.id).shots[0]?.trim.in ?? 0).toBeCloseTo(1 / 24, 3);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => boards.get(board.id).shots[0]?.trim.in ?? 0).toBeCloseTo(1 + 1 / 24, 3);
    await expect.poll(() => page.getByTestId('player-time').textContent()).toMatch(/\/ 0:03$/);
    expect(app.pageErrors).toEqual([]);
  });
});

/** A horizontal band of one frame, as 8-bit grey pixels (640 wide). */
async function band(file: string, at: number, { top, height }: { top: number; height: number }): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(at),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `scale=640:360,crop=640:${height}:0:${top},format=gray`,
      '-f',
      'rawvideo',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 8 * 1024 * 1024 },
  );
  return stdout;
}

/** The mean absolute difference (0–255) between the same band of two files' frames at one time. */
async function bandDifference(
  a: string,
  b: string,
  at: number,
  area: { top: number; height: number },
): Promise<number> {
  const [one, two] = await Promise.all([band(a, at, area), band(b, at, area)]);
  let sum = 0;
  for (let index = 0; index < one.length; index += 1) sum += Math.abs((one[index] ?? 0) - (two[index] ?? 0));
  return sum / Math.max(1, one.length);
}
