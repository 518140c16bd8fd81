// npm run bench (film sound part), on the built renderer (`npm run build` first): exporting a 10-shot, 2-minute
// storyboard with a spoken line on every shot and a music bed, from the window (takes' sound decoded, mixed with the
// voice and the ducked music, levelled, encoded; pictures joined in main) — target ≤ 0.25× the film's length — against
// FFmpeg doing the same mix, levelling and encode from the same files in the same run (target ratio ≤ 2). Memory: the
// main process's RSS growth and the window's JavaScript heap at its peak (target < 256 MB each).
// `--scale 0.1` makes the takes 1.2 s and small.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startFakeApimart } from '../test/fake-apimart/fake-server.ts';
import { closeBrowser, launchApp } from '../test/e2e/harness/app-harness.ts';
import { boardOfTakes } from '../test/support/filed-takes.ts';
import { makeTone } from '../test/support/media-clips.ts';
import { makeClip } from './support/bench-clip.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '1' } },
});
const scale = Number(values.scale);
const SHOTS = 10;
const SPEED_TARGET = 0.25;
const RATIO_TARGET = 2;
const MEMORY_TARGET_MB = 256;

const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-bench-film-sound-'));
const fake = await startFakeApimart({ estimatedSeconds: 0 });
// The key in a keychain of the benchmark's own (the export is what is measured, not the OS keychain).
const keys = new Map<string, string>();
const app = await launchApp({
  apiBaseUrl: fake.baseUrl,
  loadKeytar: async () => ({
    getPassword: async (service, account) => keys.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void keys.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => keys.delete(`${service}/${account}`),
  }),
});
try {
  const full = scale >= 1;
  const seconds = Math.max(1, Math.round(12 * scale * 10) / 10);
  const [width, height] = full ? [1920, 1080] : [320, 180];
  const take = path.join(dir, 'take.mp4');
  await makeClip(take, seconds, width, height, full ? '8M' : '400k');
  const song = path.join(dir, 'song.wav');
  await makeTone(song, 330, seconds * SHOTS);

  await app.keyStore.set(fake.apiKey);
  const library = app.library.current();
  const board = await boardOfTakes(app.services, library, 'Benchmark film', Array(SHOTS).fill(take), dir);
  // A line on every shot, about two thirds of it long (15 characters a second is how the fake speaks).
  const words = 'The boats left the harbour before dawn and the gulls followed them out to sea. ';
  const line = words
    .repeat(4)
    .slice(0, Math.max(12, Math.round(seconds * 0.66 * 15)))
    .trim();
  for (const shot of board.shots) {
    app.services.boards.updateShot(board.id, shot.id, {
      voiceOver: { text: line, speakerId: null, voice: null, speed: 1 },
    });
    await app.services.voiceOver.speak(board.id, shot.id);
  }
  await app.services.musicFiles.add(board.id, song);
  const spoken = app.services.boards
    .get(board.id)
    .shots.map((shot) =>
      shot.voiceOver?.audio ? app.services.voiceOver.audioFile(board.id, shot.voiceOver.audio) : '',
    );

  const { page } = app;
  await page.getByTestId('nav-boards').click();
  await page.getByTestId('board-item').first().click();
  await page
    .locator('.shot-card')
    .nth(SHOTS - 1)
    .waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / (1024 * 1024);
  };

  const filmSeconds = seconds * SHOTS;
  const ours: { ms: number; rssMb: number; heapMb: number }[] = [];
  for (let attempt = 0; attempt < Math.max(1, Number(values.runs)); attempt += 1) {
    const before = process.memoryUsage.rss();
    let rssPeak = before;
    const heapBefore = await heapMb();
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      void heapMb().then(
        (value) => (heapPeak = Math.max(heapPeak, value)),
        () => undefined,
      );
    }, 50);
    const start = performance.now();
    await page.getByTestId('board-export').click();
    await page
      .getByTestId('board-notice')
      .getByText('"Benchmark film" is in the library.')
      .waitFor({ timeout: 300_000 });
    const ms = performance.now() - start;
    clearInterval(sampler);
    ours.push({ ms, rssMb: (rssPeak - before) / (1024 * 1024), heapMb: heapPeak - heapBefore });
    await page
      .getByTestId('board-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => undefined);
  }

  // FFmpeg: the same takes' pictures copied, their sound, the ten lines placed at their shots, the music ducked under
  // the voice (sidechain compression), levelled to −16 LUFS and encoded as AAC.
  const list = path.join(dir, 'list.txt');
  await writeFile(list, Array(SHOTS).fill(`file '${take}'`).join('\n'));
  const voiceInputs = spoken.flatMap((file) => ['-i', file]);
  const placed = spoken.map((_, at) => {
    const delay = Math.round(at * seconds * 1000);
    return `[${at + 1}:a]adelay=${delay}|${delay},aformat=sample_rates=48000:channel_layouts=stereo[v${at}]`;
  });
  const graph = [
    ...placed,
    `${spoken.map((_, at) => `[v${at}]`).join('')}amix=inputs=${SHOTS}:normalize=0,asplit[voice][key]`,
    `[${SHOTS + 1}:a]aformat=sample_rates=48000:channel_layouts=stereo,volume=0.6[bed]`,
    `[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=150:release=500[ducked]`,
    `[0:a][voice][ducked]amix=inputs=3:normalize=0:duration=first,loudnorm=I=-16:TP=-1.5:LRA=11[mix]`,
  ].join(';');
  const theirs: number[] = [];
  for (let attempt = 0; attempt < Math.max(1, Number(values.runs)); attempt += 1) {
    const start = performance.now();
    await run('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, ...voiceInputs, '-i', song],
      ...['-filter_complex', graph, '-map', '0:v', '-map', '[mix]', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '192k'],
      path.join(dir, `ffmpeg-${attempt}.mp4`),
    ]);
    theirs.push(performance.now() - start);
  }

  const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
  const ourMs = median(ours.map((sample) => sample.ms));
  const speed = ourMs / 1000 / filmSeconds;
  const ratio = ourMs / Math.max(1, median(theirs));
  const rss = Math.max(...ours.map((sample) => sample.rssMb));
  const heap = Math.max(...ours.map((sample) => sample.heapMb));
  const verdict = (ok: boolean) => (ok ? 'ok' : 'ABOVE');
  console.log(
    `film sound export: ${SHOTS} shots of ${seconds} s ${width}×${height} (${filmSeconds.toFixed(0)} s), a line on each ` +
      `and a music bed, from the window ${ourMs.toFixed(0)} ms = ${speed.toFixed(3)}× the film's length ` +
      `(target ≤ ${SPEED_TARGET}: ${verdict(speed <= SPEED_TARGET)}); ffmpeg's same mix and encode ` +
      `${median(theirs).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}: ${verdict(ratio <= RATIO_TARGET)}); ` +
      `main RSS growth ${rss.toFixed(1)} MB, window JS heap growth ${heap.toFixed(1)} MB ` +
      `(target < ${MEMORY_TARGET_MB}: ${verdict(rss < MEMORY_TARGET_MB && heap < MEMORY_TARGET_MB)})`,
  );
} finally {
  await app.close();
  await closeBrowser();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}
