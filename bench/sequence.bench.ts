// npm run bench: joining a storyboard's takes losslessly (mediabunny, in process) against FFmpeg's concat demuxer
// with stream copy on the same files in the same run (target ≤ 2× its time, RSS growth < 128 MB), and writing a
// video's record into a large MP4 against a plain file copy (target ≤ 2×). FFmpeg is only the yardstick here.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { remuxClips } from '../electron/services/media/mp4-remux.ts';
import { writeVideoRecord } from '../electron/services/media/video-record-io.ts';
import { makeClip } from './support/bench-clip.ts';
import { VIDEO_RECORD_SCHEMA } from '../shared/library/video-record.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } },
});
const scale = Number(values.scale);
const runs = Math.max(1, Number(values.runs));
const CLIPS = 10;
const JOIN_TARGET = 2;
const RSS_TARGET_MB = 128;
const RECORD_TARGET = 2;

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

async function timed(task: () => Promise<unknown>): Promise<{ milliseconds: number; rssGrowthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const start = performance.now();
  await task();
  const milliseconds = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { milliseconds, rssGrowthMb: (peak - before) / (1024 * 1024) };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-bench-sequence-'));
try {
  const full = scale >= 1;
  const seconds = Math.max(1, Math.round(12 * scale));
  const [width, height] = full ? [1920, 1080] : [320, 180];
  const take = path.join(dir, 'take.mp4');
  await makeClip(take, seconds, width, height, full ? '8M' : '400k');
  // Ten takes of one storyboard: the same encoder settings, as one model's takes have.
  const clips: string[] = [];
  for (let index = 0; index < CLIPS; index += 1) {
    const clip = path.join(dir, `take-${index}.mp4`);
    await copyFile(take, clip);
    clips.push(clip);
  }
  const list = path.join(dir, 'list.txt');
  await writeFile(list, clips.map((clip) => `file '${clip}'`).join('\n'));
  const totalMb = ((await stat(take)).size * CLIPS) / (1024 * 1024);

  const ours: { milliseconds: number; rssGrowthMb: number }[] = [];
  const theirs: number[] = [];
  for (let attempt = 0; attempt <= runs; attempt += 1) {
    const a = await timed(() =>
      run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        list,
        '-c',
        'copy',
        path.join(dir, 'ffmpeg.mp4'),
      ]),
    );
    const b = await timed(() =>
      remuxClips(
        clips.map((file, index) => ({ file, title: `Shot ${index + 1}` })),
        path.join(dir, 'ours.mp4'),
        { chapters: true },
      ),
    );
    if (attempt === 0) continue; // warm-up
    theirs.push(a.milliseconds);
    ours.push(b);
  }
  const joinRatio = median(ours.map((sample) => sample.milliseconds)) / median(theirs);
  const growth = Math.max(...ours.map((sample) => sample.rssGrowthMb));
  const each = (times: number[]) => times.map((milliseconds) => milliseconds.toFixed(0)).join(', ');
  console.log(
    `sequence export runs: ours ${each(ours.map((sample) => sample.milliseconds))} ms; ffmpeg ${each(theirs)} ms`,
  );
  console.log(
    `sequence export: ${CLIPS} takes of ${seconds} s ${width}×${height} (${totalMb.toFixed(0)} MB), lossless remux ` +
      `${median(ours.map((sample) => sample.milliseconds)).toFixed(0)} ms (median of ${runs}); ffmpeg -f concat -c copy ` +
      `${median(theirs).toFixed(0)} ms, ratio ${joinRatio.toFixed(2)} (target ≤ ${JOIN_TARGET}: ${joinRatio <= JOIN_TARGET ? 'ok' : 'ABOVE'}); ` +
      `RSS growth ${growth.toFixed(1)} MB (target < ${RSS_TARGET_MB}: ${growth < RSS_TARGET_MB ? 'ok' : 'ABOVE'})`,
  );

  // A 50 MB video (at full scale) gets its record written: against copying the file once.
  const big = path.join(dir, 'big.mp4');
  await makeClip(big, Math.max(1, Math.round(40 * scale)), width, height, full ? '10M' : '400k');
  const bigMb = (await stat(big)).size / (1024 * 1024);
  const recordTimes: number[] = [];
  const copyTimes: number[] = [];
  for (let attempt = 0; attempt <= runs; attempt += 1) {
    const target = path.join(dir, `tagged-${attempt}.mp4`);
    const copy = await timed(() => copyFile(big, path.join(dir, `copy-${attempt}.mp4`)));
    await copyFile(big, target);
    // As a finished download is: already on disk (the download step syncs it), so only the new writes are timed.
    const handle = await open(target, 'r');
    await handle.sync();
    await handle.close();
    const tagged = await timed(() =>
      writeVideoRecord(target, {
        schema: VIDEO_RECORD_SCHEMA,
        title: 'Benchmark',
        prompt: 'A benchmark video',
        model: 'veo3.1-fast-official',
        params: { duration: 8 },
        duration: 8,
        aspect: '16:9',
        resolution: '1080p',
        taskId: `task-${attempt}`,
        jobId: `job-${attempt}`,
        draftId: null,
        createdAt: new Date().toISOString(),
        appVersion: 'bench',
      }),
    );
    if (attempt === 0) continue;
    copyTimes.push(copy.milliseconds);
    recordTimes.push(tagged.milliseconds);
  }
  const recordRatio = median(recordTimes) / median(copyTimes);
  console.log(
    `video record: written into a ${bigMb.toFixed(0)} MB MP4 in ${median(recordTimes).toFixed(0)} ms (movie box rewritten in place and read back); ` +
      `a plain copy ${median(copyTimes).toFixed(0)} ms, ratio ${recordRatio.toFixed(2)} (target ≤ ${RECORD_TARGET}: ` +
      `${recordRatio <= RECORD_TARGET ? 'ok' : 'ABOVE'})`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
