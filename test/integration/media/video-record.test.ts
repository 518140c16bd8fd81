import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input, type InputTrack } from 'mediabunny';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { itemIdForJob } from '../../../electron/services/library/item-identity';
import { readVideoMetadata, readVideoRecord, writeVideoRecord } from '../../../electron/services/media/video-record-io';
import { VIDEO_RECORD_SCHEMA, type VideoRecord } from '../../../shared/library/video-record';
import { runCli } from '../../support/cli-runner';
import { setupLibrary, type LibrarySetup } from '../../support/library-setup';
import { makeClip, probe } from '../../support/media-clips';
import { asDownloaded } from '../../support/strip-record';

let dir: string;
let clip: string;
let setup: LibrarySetup | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-record-'));
  clip = await makeClip(path.join(dir, 'clip.mp4'), { seconds: 2 });
});
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (jobId: string): VideoRecord => ({
  schema: VIDEO_RECORD_SCHEMA,
  title: 'Harbour at night',
  prompt: 'Boats rocking under the lamps, a slow push in — 夜の港',
  model: 'veo3.1-fast-official',
  params: { duration: 8, aspect_ratio: '16:9', generate_audio: true },
  duration: 8,
  aspect: '16:9',
  resolution: '720p',
  taskId: 'task_abc123',
  jobId,
  draftId: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  appVersion: '0.1.0',
});

/** A top-level box of an MP4 file, whole. */
function topLevelBox(file: Buffer, type: string): Buffer {
  for (let at = 0; at + 8 <= file.length; at += file.readUInt32BE(at)) {
    if (file.toString('latin1', at + 4, at + 8) === type) return file.subarray(at, at + file.readUInt32BE(at));
    if (file.readUInt32BE(at) < 8) break;
  }
  throw new Error(`no ${type} box`);
}

async function packets(file: string): Promise<string[]> {
  const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(file) });
  try {
    const hashes: string[] = [];
    const tracks: (InputTrack | null)[] = [await input.getPrimaryVideoTrack(), await input.getPrimaryAudioTrack()];
    for (const track of tracks)
      if (track)
        for await (const packet of new EncodedPacketSink(track).packets())
          hashes.push(`${packet.timestamp.toFixed(4)}:${createHash('sha1').update(packet.data).digest('hex')}`);
    return hashes;
  } finally {
    input.dispose();
  }
}

describe("a video's own record", () => {
  it('is written by a lossless remux, read back, shown by FFmpeg as title and comment, and written only once', async () => {
    const file = path.join(dir, 'tagged.mp4');
    await copyFile(clip, file);
    const jobId = randomUUID();
    await writeVideoRecord(file, record(jobId));
    expect(await readVideoRecord(file)).toEqual(record(jobId));
    // Every packet of picture and sound is the original's, at the same time.
    expect(await packets(file)).toEqual(await packets(clip));
    const facts = await probe(file);
    expect(facts.format.tags).toMatchObject({ title: 'Harbour at night', comment: record(jobId).prompt });
    // Again: the file already says it, so it is not rewritten.
    const before = await stat(file);
    await writeVideoRecord(file, record(jobId));
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    // No temporary file is left beside it.
    expect((await readdir(dir)).filter((name) => name.includes('tagging'))).toEqual([]);
  });

  it('leaves the media bytes as they were, whether the movie box comes first or last', async () => {
    for (const faststart of [true, false]) {
      const source = await makeClip(path.join(dir, `layout-${String(faststart)}.mp4`), { seconds: 1, faststart });
      const file = path.join(dir, `layout-${String(faststart)}-tagged.mp4`);
      await copyFile(source, file);
      const jobId = randomUUID();
      await writeVideoRecord(file, record(jobId));
      expect(await readVideoRecord(file)).toEqual(record(jobId));
      expect(await packets(file)).toEqual(await packets(source));
      // The media itself is untouched: the original's bytes up to its movie box are still there, byte for byte.
      const [before, after] = await Promise.all([readFile(source), readFile(file)]);
      const mdat = before.indexOf(Buffer.from('mdat'));
      const moov = before.indexOf(Buffer.from('moov')) - 4;
      const mediaEnd = faststart ? before.length : moov;
      expect(after.subarray(mdat, mediaEnd).equals(before.subarray(mdat, mediaEnd))).toBe(true);
      // Only a new movie box is added (the old one kept as padding when it came first).
      expect(after.length - before.length).toBeLessThan(faststart ? before.length - mdat : 4_096);
    }
  });

  it('finishes a write a killed process left half done: the media, and the file as downloaded, stay as they were', async () => {
    for (const faststart of [true, false]) {
      const source = await makeClip(path.join(dir, `killed-${String(faststart)}.mp4`), { seconds: 1, faststart });
      const original = await readFile(source);
      const movie = topLevelBox(original, 'moov');
      // Killed after appending its new movie box (whole, or only part of it) and before retiring the old one.
      for (const appended of [movie, movie.subarray(0, Math.floor(movie.length / 2)), movie.subarray(0, 5)]) {
        const file = path.join(dir, `killed-${String(faststart)}-${appended.length}.mp4`);
        await writeFile(file, Buffer.concat([original, appended]));
        const jobId = randomUUID();
        await writeVideoRecord(file, record(jobId));
        expect(await readVideoRecord(file)).toEqual(record(jobId));
        const filed = await readFile(file);
        expect(asDownloaded(filed).equals(original)).toBe(true);
        expect(await packets(file)).toEqual(await packets(source));
      }
    }
  });

  it('gives a video whose sidecar was lost its sidecar back on rebuild, with the same item id', async () => {
    setup = await setupLibrary();
    const jobId = randomUUID();
    await mkdir(setup.root, { recursive: true });
    const file = path.join(setup.root, 'Harbour at night.mp4');
    await copyFile(clip, file);
    await writeVideoRecord(file, record(jobId));
    await setup.library.rebuild();
    const [item] = setup.library.list({}).items;
    expect(item).toMatchObject({
      id: itemIdForJob(jobId),
      title: 'Harbour at night',
      prompt: record(jobId).prompt,
      model: 'veo3.1-fast-official',
    });
    const sidecar = JSON.parse(await readFile(file.replace(/\.mp4$/, '.reelbench.json'), 'utf8')) as {
      generation: { taskId: string; params: unknown };
    };
    expect(sidecar.generation).toMatchObject({ taskId: 'task_abc123', params: record(jobId).params });
    // Lost again, found again: the same id, so storyboards and jobs still point at it.
    await unlink(file.replace(/\.mp4$/, '.reelbench.json'));
    await setup.library.rebuild();
    expect(setup.library.list({}).items.map((entry) => entry.id)).toEqual([itemIdForJob(jobId)]);
  });

  it('is recognised on a video imported from elsewhere, and a damaged record is named, not trusted', async () => {
    setup = await setupLibrary();
    const elsewhere = path.join(dir, 'chat attachment');
    await mkdir(elsewhere, { recursive: true });
    const jobId = randomUUID();
    await copyFile(clip, path.join(elsewhere, 'video (1).mp4'));
    await writeVideoRecord(path.join(elsewhere, 'video (1).mp4'), record(jobId));
    expect(await setup.library.importFolder(elsewhere)).toMatchObject({ imported: 1 });
    expect(setup.library.list({}).items[0]).toMatchObject({ prompt: record(jobId).prompt, title: 'Harbour at night' });

    const metadata = await readVideoMetadata(clip);
    expect(metadata).toMatchObject({ record: null, recordProblem: null, chapters: [] });
    const bad = path.join(dir, 'bad-record.mp4');
    await copyFile(clip, bad);
    await writeVideoRecord(bad, { ...record(jobId), prompt: 'x' });
    const bytes = await readFile(bad);
    const at = bytes.indexOf(Buffer.from('"prompt":"x"'));
    bytes.write('"prompt":7  ', at); // same length: the box stays the same size
    await writeFile(bad, bytes);
    const damaged = await readVideoMetadata(bad);
    expect(damaged.record).toBeNull();
    expect(damaged.recordProblem).toContain('prompt');
  });

  it('is printed by `reelbench library meta FILE`', async () => {
    const file = path.join(dir, 'for-cli.mp4');
    await copyFile(clip, file);
    const jobId = randomUUID();
    await writeVideoRecord(file, record(jobId));
    const data = path.join(dir, 'cli-data');
    const human = await runCli(data, 'library', 'meta', file);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('made by Reelbench 0.1.0 on 2026-11-30 with veo3.1-fast-official');
    expect(human.stdout).toContain(`prompt: ${record(jobId).prompt}`);
    expect(human.stdout).toContain(`job: ${jobId}`);
    const json = await runCli(data, 'library', 'meta', file, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, record: record(jobId), title: 'Harbour at night' });
    const plain = await runCli(data, 'library', 'meta', clip);
    expect(plain.stdout).toContain('no Reelbench record');
    const notVideo = path.join(dir, 'notes.mp4');
    await writeFile(notVideo, 'not a video');
    const refused = await runCli(data, 'library', 'meta', notVideo);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a video Reelbench can read');
  });
});
