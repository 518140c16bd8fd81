import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '../../../shared/boards/board-models';
import { exportEditorTimeline } from '../../../electron/services/timeline/editor-export';
import { keychainGate } from '../../support/keychain-probe';
import { boardWithSound, type BoardWithSound } from '../../support/board-with-sound';
import { makeClip } from '../../support/media-clips';

const run = promisify(execFile);
const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let setup: BoardWithSound;
let clip: Buffer;
let work: string;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-timeline-clip-'));
  clip = await readFile(await makeClip(path.join(dir, 'take.mp4'), { seconds: 2, fps: 24 }));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await setup.close();
  await rm(work, { recursive: true, force: true });
});

/** The support board, its first shot's line spoken, and ten seconds of music from shot 2 to the end. */
async function spokenBoard(): Promise<Storyboard> {
  setup = await boardWithSound(clip);
  work = await mkdtemp(path.join(os.tmpdir(), 'reelbench-timeline-'));
  const { boards, voiceOver, musicFiles } = setup.app.services;
  await voiceOver.speak(setup.board.id, setup.board.shots[0]?.id ?? '');
  const song = path.join(work, 'song.wav');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=10', song]);
  const withMusic = await musicFiles.add(setup.board.id, song);
  return boards.updateMusic(setup.board.id, withMusic.music[0]?.id ?? '', {
    fromShotId: setup.board.shots[1]?.id ?? null,
  });
}

const exportTo = async (board: Storyboard, name: string, format: 'otio' | 'mlt') =>
  exportEditorTimeline(
    board,
    {
      library: setup.app.services.library.current(),
      catalog: setup.app.services.models.current(),
      voiceOver: setup.app.services.voiceOver,
      musicFiles: setup.app.services.musicFiles,
    },
    path.join(work, name),
    format,
  );

type Otio = {
  OTIO_SCHEMA: string;
  name: string;
  tracks: { OTIO_SCHEMA: string; children: OtioTrack[] };
};
type Time = { OTIO_SCHEMA: string; rate: number; value: number };
type Range = { OTIO_SCHEMA: string; start_time: Time; duration: Time };
type OtioTrack = {
  OTIO_SCHEMA: string;
  name: string;
  kind: string;
  children: {
    OTIO_SCHEMA: string;
    source_range: Range;
    media_references?: { DEFAULT_MEDIA: { OTIO_SCHEMA: string; target_url: string; available_range: Range } };
  }[];
  markers: { OTIO_SCHEMA: string; name: string; marked_range: Range }[];
};
const frames = (range: Range) => [range.start_time.value, range.duration.value];

describe.skipIf(gate.skip)('a timeline any editor opens', () => {
  it('writes OpenTimelineIO: the takes with their trims, take sound, voice-over, a marker per shot, media beside it', async () => {
    const board = await spokenBoard();
    const written = await exportTo(board, 'Harbour.otio', 'otio');
    const otio = JSON.parse(await readFile(written.file, 'utf8')) as Otio;
    expect(otio).toMatchObject({ OTIO_SCHEMA: 'Timeline.1', name: 'Harbour & "gulls" <3>' });
    expect(otio.tracks.OTIO_SCHEMA).toBe('Stack.1');
    const [video, takeSound, voice] = otio.tracks.children;
    if (!video || !takeSound || !voice) throw new Error('three tracks expected');
    expect(otio.tracks.children.map((track) => [track.OTIO_SCHEMA, track.name, track.kind])).toEqual([
      ['Track.1', 'Video', 'Video'],
      ['Track.1', 'Take sound', 'Audio'],
      ['Track.1', 'Voice-over', 'Audio'],
      ['Track.1', 'Music', 'Audio'],
    ]);
    // The music starts under shot 2 (after a gap of shot 1's 48 frames) and ends with the film (72 frames later).
    const music = otio.tracks.children[3];
    expect(music?.children.map((item) => [item.OTIO_SCHEMA, ...frames(item.source_range)])).toEqual([
      ['Gap.1', 0, 48],
      ['Clip.2', 0, 72],
    ]);
    expect(music?.children[1]?.media_references?.DEFAULT_MEDIA.target_url).toBe('Harbour-media/music01.wav');
    // Frames at 24 fps: 48, then 12–36 (0.5 s to 1.5 s), then 48.
    expect(video.children.map((clip) => [clip.OTIO_SCHEMA, ...frames(clip.source_range)])).toEqual([
      ['Clip.2', 0, 48],
      ['Clip.2', 12, 24],
      ['Clip.2', 0, 48],
    ]);
    expect(video.children.every((clip) => clip.source_range.start_time.rate === 24)).toBe(true);
    expect(video.markers.map((marker) => [marker.OTIO_SCHEMA, marker.name, ...frames(marker.marked_range)])).toEqual([
      ['Marker.2', '1. Boats leave the harbour', 0, 48],
      ['Marker.2', '2. Gulls over the pier', 48, 24],
      ['Marker.2', '3. The lighthouse at dusk', 72, 48],
    ]);
    // Shot 3 is muted: its sound is not on the sound track; the line plays from the film's start.
    expect(takeSound.children.map((clip) => [clip.OTIO_SCHEMA, ...frames(clip.source_range)])).toEqual([
      ['Clip.2', 0, 48],
      ['Clip.2', 12, 24],
    ]);
    const spoken = board.shots[0]?.voiceOver?.audio?.seconds ?? 0;
    expect(voice.children.map((clip) => [clip.OTIO_SCHEMA, ...frames(clip.source_range)])).toEqual([
      ['Clip.2', 0, Math.round(spoken * 24)],
    ]);
    for (const clip of [...video.children, ...voice.children]) {
      const reference = clip.media_references?.DEFAULT_MEDIA;
      expect(reference?.OTIO_SCHEMA).toBe('ExternalReference.1');
      expect(reference?.available_range.OTIO_SCHEMA).toBe('TimeRange.1');
      expect((await stat(path.join(work, reference?.target_url ?? 'missing'))).size).toBeGreaterThan(0);
    }
    expect(video.children[0]?.media_references?.DEFAULT_MEDIA.target_url).toBe('Harbour-media/shot01.mp4');
  });

  it('writes an MLT project that melt renders to the film: its length, and each shot from its in point', async () => {
    const board = await spokenBoard();
    const written = await exportTo(board, 'Harbour.mlt', 'mlt');
    const rendered = path.join(work, 'rendered.mp4');
    await run(
      'melt',
      [written.file, '-consumer', `avformat:${rendered}`, 'vcodec=libx264', 'acodec=aac', 'preset=ultrafast'],
      {
        cwd: work,
      },
    );
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-show_entries',
      'stream=codec_type,nb_read_frames',
      '-of',
      'json',
      rendered,
    ]);
    const streams = (JSON.parse(stdout) as { streams: { codec_type: string; nb_read_frames?: string }[] }).streams;
    expect(streams.find((entry) => entry.codec_type === 'video')?.nb_read_frames).toBe('120');
    expect(streams.some((entry) => entry.codec_type === 'audio')).toBe(true);
    // Frame 48 of the film is frame 12 of shot 2's take (its in point); frame 72 is frame 0 of shot 3's.
    const take = path.join(written.mediaDir, 'shot02.mp4');
    expect(await psnr(rendered, 48, take, 12)).toBeGreaterThan(30);
    expect(await psnr(rendered, 48, take, 0)).toBeLessThan(await psnr(rendered, 48, take, 12));
    expect(await psnr(rendered, 72, path.join(written.mediaDir, 'shot03.mp4'), 0)).toBeGreaterThan(30);
  });
});

/** How alike frame `a` of one video and frame `b` of another are (PSNR in dB; identical is infinite). */
async function psnr(first: string, a: number, second: string, b: number): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-v',
    'info',
    '-i',
    first,
    '-i',
    second,
    '-lavfi',
    `[0:v]select=eq(n\\,${a}),setpts=PTS-STARTPTS[x];[1:v]select=eq(n\\,${b}),setpts=PTS-STARTPTS[y];[x][y]psnr`,
    '-frames:v',
    '1',
    '-f',
    'null',
    '-',
  ]);
  const found = /average:(inf|[\d.]+)/.exec(stderr);
  if (!found) throw new Error(`no PSNR in: ${stderr.slice(-400)}`);
  return found[1] === 'inf' ? Number.POSITIVE_INFINITY : Number(found[1]);
}
