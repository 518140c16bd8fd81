import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input, type InputTrack } from 'mediabunny';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChplBox } from '../../../electron/services/media/chapter-box';
import { remuxClips, RemuxMismatch } from '../../../electron/services/media/mp4-remux';
import { makeClip, probe } from '../../support/media-clips';

let dir: string;
const clips: string[] = [];

/** Every packet of a file's video and sound, as hashes in order. */
async function packetHashes(file: string): Promise<{ video: string[]; audio: string[] }> {
  const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(file) });
  try {
    const hashes = async (track: InputTrack | null) => {
      const out: string[] = [];
      if (!track) return out;
      for await (const packet of new EncodedPacketSink(track).packets())
        out.push(createHash('sha1').update(packet.data).digest('hex'));
      return out;
    };
    return {
      video: await hashes(await input.getPrimaryVideoTrack()),
      audio: await hashes(await input.getPrimaryAudioTrack()),
    };
  } finally {
    input.dispose();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-remux-'));
  clips.push(await makeClip(path.join(dir, 'a.mp4'), { seconds: 2 }));
  clips.push(await makeClip(path.join(dir, 'b.mp4'), { seconds: 3, pattern: 'smptebars' }));
  clips.push(await makeClip(path.join(dir, 'c.mp4'), { seconds: 1.5, pattern: 'rgbtestsrc' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('joining clips losslessly', () => {
  it('copies every packet of three clips in order, sums their durations and marks a chapter at each start', async () => {
    const out = path.join(dir, 'joined.mp4');
    const progress: number[] = [];
    const result = await remuxClips(
      clips.map((file, index) => ({ file, title: `Shot ${index + 1} — ✨` })),
      out,
      { chapters: true, tags: { title: 'My film' }, onProgress: (fraction) => progress.push(fraction) },
    );
    expect(result.duration).toBeCloseTo(6.5, 1);

    const inputs = await Promise.all(clips.map(packetHashes));
    const joined = await packetHashes(out);
    expect(joined.video).toEqual(inputs.flatMap((hashes) => hashes.video));
    // Sound is copied too, but for a frame of encoder padding past each clip's last picture.
    const sound = inputs.flatMap((hashes) => hashes.audio);
    expect(joined.audio.length).toBeGreaterThanOrEqual(sound.length - 3);
    let at = 0;
    for (const hash of joined.audio) {
      at = sound.indexOf(hash, at) + 1;
      expect(at, 'every packet of sound is one of the inputs’, in order').toBeGreaterThan(0);
    }

    const facts = await probe(out);
    const frame = 1 / 24;
    expect(Math.abs(Number(facts.format.duration) - 6.5)).toBeLessThanOrEqual(frame);
    const video = facts.streams.find((stream) => stream.codec_type === 'video');
    expect(Math.abs(Number(video?.duration) - 6.5)).toBeLessThanOrEqual(frame);
    expect(facts.format.tags?.['title']).toBe('My film');
    expect(facts.chapters.map((chapter) => Number(chapter.start_time))).toEqual([0, 2, 5]);
    expect(facts.chapters.map((chapter) => chapter.tags?.title)).toEqual(['Shot 1 — ✨', 'Shot 2 — ✨', 'Shot 3 — ✨']);
    expect(progress.at(-1)).toBe(1);

    const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(out) });
    const raw = (await input.getMetadataTags()).raw?.['chpl'];
    input.dispose();
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(readChplBox(raw as Uint8Array).map((chapter) => chapter.start)).toEqual([0, 2, 5]);
  });

  it('copies the same packets into the same bytes whether a clip is read whole or piece by piece', async () => {
    const titled = clips.map((file, index) => ({ file, title: `Shot ${index + 1}` }));
    const whole = path.join(dir, 'whole.mp4');
    const pieces = path.join(dir, 'pieces.mp4');
    await remuxClips(titled, whole, { chapters: true });
    // Every clip counts as too large to hold: read through mediabunny's own file reader instead.
    await remuxClips(titled, pieces, { chapters: true, wholeClipBytes: 0 });
    const digest = async (file: string) =>
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    expect((await stat(whole)).size).toBeGreaterThan(100_000);
    expect(await digest(pieces)).toBe(await digest(whole));
    expect((await packetHashes(pieces)).video).toEqual(
      (await Promise.all(clips.map(packetHashes))).flatMap((hashes) => hashes.video),
    );
  });

  it('refuses clips whose codec parameters differ, naming them, and writes nothing', async () => {
    const other = await makeClip(path.join(dir, 'wide.mp4'), { seconds: 1, width: 640, height: 360 });
    const out = path.join(dir, 'mixed.mp4');
    const attempt = remuxClips(
      [
        { file: clips[0] ?? '', title: 'One' },
        { file: other, title: 'Two' },
      ],
      out,
    );
    await expect(attempt).rejects.toBeInstanceOf(RemuxMismatch);
    await expect(attempt).rejects.toThrow(/"Two" is avc1[^ ]* 640×360/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(
      remuxClips([{ file: clips[1] ?? '', title: 'x' }], path.join(dir, 'cancelled.mp4'), {
        signal: controller.signal,
      }),
    ).rejects.toThrow(/cancelled by the user/);
  });
});
