import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { eventually } from '../support/eventually';
import { keychainGate } from '../support/keychain-probe';
import { makeClip } from '../support/media-clips';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';
import { chooseInMenu } from './harness/controls';

const run = promisify(execFile);
const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let ticker: NodeJS.Timeout;
let fixtures: string;
let clip: string;
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-voice-'));
  // As long as the shots ask for: the window reads a take's length from the library, the exports from the file.
  clip = await makeClip(path.join(fixtures, 'take.mp4'), { seconds: 4, width: 640, height: 360 });
});
afterEach(async () => {
  clearInterval(ticker);
  await app.close();
  await fake.close();
});
afterAll(async () => {
  await closeBrowser();
  await rm(fixtures, { recursive: true, force: true });
});

describe.skipIf(gate.skip)('voice-over on the storyboard', () => {
  it('writes, voices and speaks a line with its cost, flags a line longer than its shot, and exports subtitles', async () => {
    fake = await startFakeApimart({ estimatedSeconds: 5, videoPayload: await readFile(clip) });
    ticker = setInterval(() => fake.clock.advance(1_000), 20);
    app = await launchApp({
      apiBaseUrl: fake.baseUrl,
      pollMs: 30,
      // The price of a spoken line is in the settings the window reads as it opens.
      beforeSettings: (dataDir) =>
        writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ prices: { 'gpt-4o-mini-tts': 0.015 } })),
    });
    await app.keyStore.set(fake.apiKey);
    const { boards } = app.services;
    let board = boards.create({ title: 'Harbour' });
    for (const prompt of ['Boats leave the harbour at dawn', 'Gulls circle the pier']) {
      board = boards.addShot(board.id);
      boards.updateShot(board.id, board.shots.at(-1)?.id ?? '', {
        prompt,
        model: 'sora-2-preview',
        params: { duration: 4 },
      });
    }
    boards.addCharacter(board.id, { name: 'Keeper', description: 'an old lighthouse keeper' });
    const jobs = boards.generate(board.id, { kind: 'all' });
    await eventually(() => jobs.every((job) => app.services.jobs.get(job.id).phase === 'done'), 'the takes', 30_000);

    const { page } = app;
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('board-item').first().click();
    await page.locator('.shot-card').first().click();
    await page.locator('[data-testid="shot-inspector"][aria-label="Shot 1"]').waitFor();
    const voice = page.getByTestId('shot-voice');
    await voice.getByTestId('voice-line').fill('They left before dawn.');
    await chooseInMenu(page, 'voice-speaker', boards.get(board.id).characters[0]?.id ?? '');
    await chooseInMenu(page, 'voice-voice', 'onyx');
    await expect.poll(() => voice.getByTestId('voice-status').textContent()).toMatch(/Not spoken yet · about 1\.5 s/);
    await expect(voice.getByTestId('voice-speak').textContent()).resolves.toContain('Speak line · $0.015');
    expect(fake.spoken).toEqual([]);
    await voice.getByTestId('voice-speak').click();
    await expect
      .poll(() => voice.getByTestId('voice-status').textContent(), { timeout: 15_000 })
      .toMatch(/Spoken · 1\.5 s · Onyx/);
    expect(fake.spoken).toEqual([{ input: 'They left before dawn.', voice: 'onyx', speed: 1, format: 'wav' }]);
    await expect(voice.getByTestId('voice-speak').isDisabled()).resolves.toBe(true);
    await expect(voice.getByTestId('voice-play').isEnabled()).resolves.toBe(true);
    await mkdir(RESULTS, { recursive: true });
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(RESULTS, `boards-voice-${width}.png`) });
    }

    // The second shot's line runs past its four seconds: the window says so, and speeding the voice up fits it.
    await page.locator('.shot-card').nth(1).click();
    await page.locator('[data-testid="shot-inspector"][aria-label="Shot 2"]').waitFor();
    await voice
      .getByTestId('voice-line')
      .fill('The gulls were waiting for the boats, as they had every single morning of that long year.');
    await voice.getByTestId('voice-too-long').waitFor();
    await expect(voice.getByTestId('voice-too-long').textContent()).resolves.toMatch(
      /The line runs 5\.\d s; the shot is 4 s\./,
    );
    for (const [width, height] of [
      [1920, 1080],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await voice.getByTestId('voice-too-long').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, `boards-voice-too-long-${width}.png`) });
    }
    await voice.getByTestId('voice-speed-up').click();
    await voice.getByTestId('voice-too-long').waitFor({ state: 'detached' });
    await eventually(() => (boards.get(board.id).shots[1]?.voiceOver?.speed ?? 1) >= 1.5, 'the faster speed saved');

    // Trim: O in the player ends shot 1 where the playhead stands; the film is shorter by what was cut.
    await page.evaluate(`document.querySelector('[data-testid="player-visible"]').currentTime = 1.5`);
    await page.getByTestId('player-play').focus();
    await page.keyboard.press('o');
    await eventually(() => boards.get(board.id).shots[0]?.trim.out === 1.5, 'the out point saved');
    await expect.poll(() => page.getByTestId('player-time').textContent()).toMatch(/\/ 0:05$/);
    await page.locator('.shot-card').first().click();
    await page.locator('[data-testid="shot-inspector"][aria-label="Shot 1"]').waitFor();
    await expect(page.getByTestId('trim-length').textContent()).resolves.toContain('Plays 1.5 s of the take');
    await page.getByTestId('sound-mute').click();
    await eventually(() => boards.get(board.id).shots[0]?.sound.muted === true, 'the take muted');
    fake.hear('Cast off!');
    await page.getByTestId('dialogue-hear').click();
    await expect.poll(() => page.getByTestId('dialogue-heard').textContent()).toBe('1 subtitle heard in the take');
    // What was heard is corrected in place, and the film's subtitles follow.
    const cue = page.getByTestId('dialogue-cue');
    await expect(cue.inputValue()).resolves.toBe('Cast off!');
    await cue.fill('Cast off, now!');
    await cue.press('Enter');
    await eventually(
      () => boards.get(board.id).shots[0]?.dialogue?.cues[0]?.text === 'Cast off, now!',
      'the corrected subtitle saved',
    );
    await page.getByTestId('shot-trim').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'boards-trim-1280.png') });

    // Subtitles from the spoken line, into the folder the user picks.
    const out = path.join(fixtures, 'out');
    await mkdir(out, { recursive: true });
    app.desktop.nextFolder = out;
    await page.getByTestId('board-export-more').click();
    await page.getByTestId('board-export-more-srt').click();
    await page.getByTestId('board-exported-file').waitFor();
    const [written] = await readdir(out);
    expect(await readFile(path.join(out, written ?? ''), 'utf8')).toMatch(
      /^1\n00:00:00,000 --> 00:00:01,4\d\d\nThey left before dawn\.\n\n2\n00:00:00,000 --> 00:00:01,000\nCast off, now!\n$/,
    );

    // Music under the film, from a file picked in main's own dialog; then under shots 2 on, quieter.
    const song = path.join(fixtures, 'Harbour theme.wav');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=65', song]);
    app.desktop.nextFile = song;
    await page.getByTestId('music-add').click();
    await page.getByTestId('music-chip').waitFor();
    await expect(page.getByTestId('music-chip').textContent()).resolves.toContain('Harbour theme.wav1:05');
    await page.getByTestId('music-chip').click();
    await chooseInMenu(page, 'music-from', boards.get(board.id).shots[1]?.id ?? '');
    await eventually(
      () => boards.get(board.id).music[0]?.fromShotId === boards.get(board.id).shots[1]?.id,
      'from shot 2',
    );
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('music-settings').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, `boards-music-${width}.png`) });
    }
    await page.getByTestId('music-remove').click();
    await page.getByTestId('music-chip').waitFor({ state: 'detached' });

    // Settings: the price of a spoken line, and the line in today's usage.
    await page.getByTestId('nav-settings').click();
    await expect
      .poll(() => page.getByTestId('usage-today').textContent())
      .toContain('2 sound requests (voice-over, transcription) · 5.5 s · $0.015');
    await expect(page.getByTestId('speech-price').inputValue()).resolves.toBe('0.015');
    await page.getByTestId('speech-price').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'settings-speech-1280.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
