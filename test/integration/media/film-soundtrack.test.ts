import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remuxClips } from '../../../electron/services/media/mp4-remux';
import { makeClip, probe } from '../../support/media-clips';
import { soundLevel } from '../../support/sound-levels';

const run = promisify(execFile);
let dir: string;
const clips: string[] = [];
let soundtrack: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-soundtrack-'));
  clips.push(await makeClip(path.join(dir, 'a.mp4'), { seconds: 2 }));
  clips.push(await makeClip(path.join(dir, 'b.mp4'), { seconds: 2, pattern: 'smptebars', audio: false }));
  // The mixed sound as the window sends it: audio only, a little longer than the film, silent in its second half.
  soundtrack = path.join(dir, 'mix.mp4');
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=1000:sample_rate=48000:duration=2',
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=48000:cl=stereo:d=2.5',
    '-filter_complex',
    '[0][1]concat=n=2:v=0:a=1,aformat=channel_layouts=stereo',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    soundtrack,
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a film with its mixed sound and subtitles', () => {
  it('carries the mix instead of the takes’ own sound, cut at the film’s end, and a subtitle track', async () => {
    const out = path.join(dir, 'film.mp4');
    const webvtt = 'WEBVTT\n\n00:00:00.500 --> 00:00:01.800\nHello there\n\n00:00:02.200 --> 00:00:03.500\nGoodbye\n';
    const result = await remuxClips(
      clips.map((file, at) => ({ file, title: `Shot ${at + 1}` })),
      out,
      { soundtrack, webvtt, chapters: true },
    );
    expect(result.duration).toBeCloseTo(4, 1);
    const facts = await probe(out);
    expect(facts.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'data', 'video']);
    // The subtitle track is ISO/IEC 14496-30 WebVTT (Debian's FFmpeg 5 lists it as data, and does not read it).
    const { stdout: tags } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_tag_string',
      '-of',
      'csv=p=0',
      out,
    ]);
    expect(tags.split('\n')).toContain('wvtt');
    const bytes = await readFile(out);
    for (const text of ['Hello there', 'Goodbye', 'vttc', 'payl']) expect(bytes.includes(text)).toBe(true);
    const audio = facts.streams.find((stream) => stream.codec_type === 'audio');
    expect(audio?.codec_name).toBe('aac');
    expect(Number(audio?.duration)).toBeLessThanOrEqual(4.05);
    // The mix's tone in the first shot, its silence in the second (whose take has no sound at all).
    expect(await soundLevel(out, 0.3, 1.7)).toBeGreaterThan(-30);
    expect(await soundLevel(out, 2.5, 3.8)).toBe(-Infinity);
  });

  it('joins takes whose own sound differs once a mix replaces it', async () => {
    const out = path.join(dir, 'mixed-only.mp4');
    // One take with sound and one without cannot be joined on their own sound; with a mix, the sound is the mix's.
    await expect(
      remuxClips(
        clips.map((file) => ({ file, title: '' })),
        path.join(dir, 'own.mp4'),
      ),
    ).rejects.toThrow(/encoded differently/);
    await remuxClips(
      clips.map((file) => ({ file, title: '' })),
      out,
      { soundtrack },
    );
    expect((await probe(out)).streams.filter((stream) => stream.codec_type === 'audio')).toHaveLength(1);
  });
});
