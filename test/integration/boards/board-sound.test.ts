import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceEstimate } from '../../../shared/audio/speech';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { Usage } from '../../../shared/jobs/job-models';
import { boardWithSound, type BoardWithSound } from '../../support/board-with-sound';
import { keychainGate } from '../../support/keychain-probe';
import { makeClip } from '../../support/media-clips';

const run = promisify(execFile);
const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

let setup: BoardWithSound;
let clip: Buffer;
let folder: string;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-sound-clip-'));
  clip = await readFile(await makeClip(path.join(dir, 'take.mp4'), { seconds: 2, fps: 24 }));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await setup.close();
  await rm(folder, { recursive: true, force: true });
});

describe.skipIf(gate.skip)('voice-over in the window', () => {
  it('puts a sound file the user picks under the film, changes where and how it plays, and refuses what is not sound', async () => {
    setup = await boardWithSound(clip);
    folder = await mkdtemp(path.join(os.tmpdir(), 'reelbench-sound-out-'));
    const { board, call, app } = setup;
    app.desktop.nextFile = null;
    expect(await call('boards.addMusic', { id: board.id })).toBeNull();
    const song = path.join(folder, 'Harbour theme.mp3');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=5', song]);
    app.desktop.nextFile = song;
    const added = await call<Storyboard>('boards.addMusic', { id: board.id });
    const bed = added.music[0];
    expect(bed).toMatchObject({ name: 'Harbour theme.mp3', volume: 0.6, duck: true, fromShotId: null, toShotId: null });
    expect(bed?.seconds).toBeCloseTo(5, 1);
    const changed = await call<Storyboard>('boards.updateMusic', {
      id: board.id,
      musicId: bed?.id,
      patch: { fromShotId: board.shots[1]?.id, volume: 0.3, duck: false },
    });
    expect(changed.music[0]).toMatchObject({ fromShotId: board.shots[1]?.id, volume: 0.3, duck: false });
    expect((await call<Storyboard>('boards.removeMusic', { id: board.id, musicId: bed?.id })).music).toEqual([]);

    const fake = path.join(folder, 'song.wav');
    await writeFile(fake, 'RIFF but not really a wave file');
    app.desktop.nextFile = fake;
    const refused = (await app.call('boards.addMusic', { id: board.id })) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toBe('song.wav is not a sound file Reelbench can read.');
  });

  it('estimates, speaks once, plays back, and is counted in the usage; a new narrator voice is a new line', async () => {
    setup = await boardWithSound(clip);
    folder = await mkdtemp(path.join(os.tmpdir(), 'reelbench-sound-out-'));
    const { board, call, fake } = setup;
    const shotId = board.shots[0]?.id ?? '';
    await call('settings.update', { prices: { 'gpt-4o-mini-tts': 0.02 } });
    const before = await call<VoiceEstimate>('boards.voiceEstimate', { id: board.id });
    expect(before).toMatchObject({ lines: [{ shotId, index: 0 }], characters: 18, cost: 0.02 });
    expect(await call('boards.lineAudio', { id: board.id, shotId })).toBeNull();

    const spoken = await call<Storyboard>('boards.speakLine', { id: board.id, shotId });
    const audio = spoken.shots[0]?.voiceOver?.audio;
    expect(audio).toMatchObject({ text: 'They left at dawn.', voice: 'alloy', speed: 1 });
    expect(audio?.seconds).toBeCloseTo(18 / 15, 1);
    const played = await call<{ wav: string }>('boards.lineAudio', { id: board.id, shotId });
    expect(Buffer.from(played.wav, 'base64').subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(await call<VoiceEstimate>('boards.voiceEstimate', { id: board.id })).toMatchObject({ lines: [], cost: 0 });
    await call('boards.speakLine', { id: board.id, shotId });
    expect(fake.spoken).toHaveLength(1);

    // The narrator's voice changes: the line (spoken by the narrator) is no longer current, and is spoken again.
    const renamed = await call<Storyboard>('boards.setNarratorVoice', { id: board.id, voice: 'fable' });
    expect(renamed.narratorVoice).toBe('fable');
    expect(await call('boards.lineAudio', { id: board.id, shotId })).toBeNull();
    await call('boards.speakLine', { id: board.id, shotId });
    expect(fake.spoken.map((line) => line.voice)).toEqual(['alloy', 'fable']);
    const usage = await call<Usage>('jobs.usage');
    expect(usage.speech.today).toMatchObject({ requests: 2, cost: 0.04 });
  });

  it('writes subtitles and an editor timeline into the folder the user picks, and nothing when they cancel', async () => {
    setup = await boardWithSound(clip);
    folder = await mkdtemp(path.join(os.tmpdir(), 'reelbench-sound-out-'));
    const { board, call, app } = setup;
    const refused = (await app.call('boards.exportSubtitles', { id: board.id, format: 'srt' })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(refused.error?.message).toContain('no subtitles to write');
    await call('boards.speakLine', { id: board.id, shotId: board.shots[0]?.id });

    app.desktop.nextFolder = null;
    expect(await call('boards.exportSubtitles', { id: board.id, format: 'srt' })).toBeNull();
    app.desktop.nextFolder = folder;
    const written = await call<{ file: string; cues: number }>('boards.exportSubtitles', {
      id: board.id,
      format: 'vtt',
    });
    expect(path.dirname(written.file)).toBe(folder);
    expect(path.basename(written.file)).toMatch(/^\d{4}-\d\d-\d\d Harbour & gulls 3\.vtt$/);
    expect(await readFile(written.file, 'utf8')).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nThey left at dawn.\n');

    app.desktop.nextFolder = folder;
    const timeline = await call<{ file: string; mediaDir: string }>('boards.exportTimeline', {
      id: board.id,
      format: 'otio',
    });
    expect(path.extname(timeline.file)).toBe('.otio');
    expect(JSON.parse(await readFile(timeline.file, 'utf8'))).toMatchObject({ OTIO_SCHEMA: 'Timeline.1' });
    expect(path.dirname(timeline.mediaDir)).toBe(folder);
  });
});
