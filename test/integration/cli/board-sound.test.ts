import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SequenceRecord } from '../../../shared/boards/board-models';
import { SIDECAR_SUFFIX } from '../../../shared/library/sidecar';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

const run = promisify(execFile);
let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

/** A board of two generated 4-second shots, made through the CLI. */
async function generatedBoard(): Promise<string> {
  const id = (await cli.reelbench(['board', 'new', 'Harbour']).done).stdout.trim();
  for (const prompt of ['Boats at dawn', 'Gulls over the pier'])
    expect((await cli.reelbench(['board', 'add', id, '--prompt', prompt, '--duration', '4']).done).code).toBe(0);
  const generated = await cli.reelbench(['board', 'generate', id]).done;
  expect(generated.code, generated.stderr).toBe(0);
  return id;
}

describe('voice-over and subtitles from the CLI', () => {
  it('speaks a line once (billed, in the usage), keeps it while it stands, and writes subtitles timed to the shots', async () => {
    const fake = await cli.startFake();
    const id = await generatedBoard();
    const set = await cli.reelbench(['config', 'set', 'speech-price', '0.015']).done;
    expect(set.code, set.stderr).toBe(0);

    const line = 'The boats go out.';
    const spoken = await cli.reelbench([
      'board',
      'voice',
      id,
      '--shot',
      '2',
      '--line',
      line,
      '--voice',
      'onyx',
      '--json',
    ]).done;
    expect(spoken.code, spoken.stderr).toBe(0);
    const answer = JSON.parse(spoken.stdout) as { seconds: number; file: string; sent: boolean; cost: number };
    expect(answer).toMatchObject({ shot: 2, voice: 'onyx', speed: 1, sent: true, cost: 0.015, longerThanShot: false });
    expect(answer.seconds).toBeCloseTo(line.length / 15, 1);
    expect((await readFile(answer.file)).subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(fake.spoken).toEqual([{ input: line, voice: 'onyx', speed: 1, format: 'wav' }]);

    // The same line again sends nothing; a new speed is a new line.
    const again = await cli.reelbench(['board', 'voice', id, '--shot', '2']).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('already spoken as it stands; nothing was sent');
    expect(fake.spoken).toHaveLength(1);
    const faster = await cli.reelbench(['board', 'voice', id, '--shot', '2', '--speed', '1.5']).done;
    expect(faster.code, faster.stderr).toBe(0);
    expect(faster.stderr).toContain('Speaking shot 2');
    expect(fake.spoken.map((entry) => [entry.voice, entry.speed])).toEqual([
      ['onyx', 1],
      ['onyx', 1.5],
    ]);

    // Audio gone from the board's folder (another machine's board, say) is spoken again.
    const current = JSON.parse((await cli.reelbench(['board', 'voice', id, '--shot', '2', '--json']).done).stdout) as {
      file: string;
      sent: boolean;
    };
    expect(current.sent).toBe(false);
    await rm(current.file);
    const respoken = await cli.reelbench(['board', 'voice', id, '--shot', '2', '--json']).done;
    expect(JSON.parse(respoken.stdout)).toMatchObject({ sent: true, file: current.file });
    expect(fake.spoken).toHaveLength(3);

    const usage = JSON.parse((await cli.reelbench(['usage', '--json']).done).stdout) as {
      speech: { today: { requests: number; cost: number } };
    };
    expect(usage.speech.today).toMatchObject({ requests: 3, cost: 0.045 });

    const srt = path.join(cli.dir, 'film.srt');
    const written = await cli.reelbench(['board', 'subtitles', id, '--out', srt]).done;
    expect(written.code, written.stderr).toBe(0);
    const seconds = line.length / 15 / 1.5;
    // The sample take plays two seconds: shot 2 starts there.
    const end = `00:00:0${Math.floor(2 + seconds)},${String(Math.round(((2 + seconds) % 1) * 1000)).padStart(3, '0')}`;
    expect(await readFile(srt, 'utf8')).toBe(`1\n00:00:02,000 --> ${end}\n${line}\n`);
    const vtt = path.join(cli.dir, 'film.vtt');
    expect((await cli.reelbench(['board', 'subtitles', id, '--out', vtt]).done).code).toBe(0);
    expect(await readFile(vtt, 'utf8')).toMatch(/^WEBVTT\n\n00:00:02\.000 --> /);

    // Music under the whole film: checked as sound, copied into the board's folder.
    const song = path.join(cli.dir, 'song.wav');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=3', song]);
    const music = await cli.reelbench(['board', 'music', id, song, '--json']).done;
    expect(music.code, music.stderr).toBe(0);
    const bed = (JSON.parse(music.stdout) as { music: { name: string; seconds: number; path: string } }).music;
    expect(bed).toMatchObject({ name: 'song.wav', seconds: 3 });
    expect((await readFile(bed.path)).equals(await readFile(song))).toBe(true);

    // The film, and beside it a timeline for an editor with its media.
    const film = path.join(cli.dir, 'Harbour.mp4');
    const exported = await cli.reelbench(['board', 'export', id, '--out', film, '--timeline', 'mlt', '--json']).done;
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      timeline: path.join(cli.dir, 'Harbour.mlt'),
      media: path.join(cli.dir, 'Harbour-media'),
      subtitles: [path.join(cli.dir, 'Harbour.srt'), path.join(cli.dir, 'Harbour.vtt')],
      notMixed: ['voice-over', 'music'],
    });
    // The subtitles beside the film are the board's, and the film carries them as its own subtitle track.
    expect(await readFile(path.join(cli.dir, 'Harbour.srt'), 'utf8')).toBe(await readFile(srt, 'utf8'));
    expect(await readFile(path.join(cli.dir, 'Harbour.vtt'), 'utf8')).toBe(await readFile(vtt, 'utf8'));
    expect((await readFile(film)).includes(line.slice(0, 20))).toBe(true);
    // The film's record (its sidecar in the library) lists its lines, voices and trims.
    const filed = (JSON.parse(exported.stdout) as { path: string }).path;
    const sidecar = JSON.parse(await readFile(filed.replace(/\.mp4$/, SIDECAR_SUFFIX), 'utf8')) as {
      sequence: SequenceRecord;
    };
    expect(sidecar.sequence).toMatchObject({
      subtitles: 1,
      sound: { source: 'takes', codec: null, music: [] },
      shots: [
        { trim: { in: 0, out: 2 }, line: null },
        { trim: { in: 0, out: 2 }, line: { text: line, speaker: 'Narrator', voice: 'onyx', speed: 1.5 } },
      ],
    });
    expect((await readdir(path.join(cli.dir, 'Harbour-media'))).sort()).toEqual([
      'line02.wav',
      'music01.wav',
      'shot01.mp4',
      'shot02.mp4',
    ]);
    expect(await readFile(path.join(cli.dir, 'Harbour.mlt'), 'utf8')).toContain('<entry producer="line2" in="0"');
  });

  it("hears a take's own dialogue and puts it in the subtitles where that shot plays", async () => {
    const fake = await cli.startFake();
    const id = await generatedBoard();
    fake.hear('Where are the boats?');
    const heard = await cli.reelbench(['board', 'transcribe', id, '--shot', '2']).done;
    expect(heard.code, heard.stderr).toBe(0);
    expect(heard.stdout).toContain('Shot 2: 1 subtitle heard in its take.\n  0.0–1.0 s  Where are the boats?');
    const srt = path.join(cli.dir, 'heard.srt');
    expect((await cli.reelbench(['board', 'subtitles', id, '--out', srt]).done).code).toBe(0);
    // Shot 2 starts where the two-second sample take of shot 1 ends.
    expect(await readFile(srt, 'utf8')).toBe('1\n00:00:02,000 --> 00:00:03,000\nWhere are the boats?\n');
    const usage = JSON.parse((await cli.reelbench(['usage', '--json']).done).stdout) as {
      speech: { today: { requests: number } };
    };
    expect(usage.speech.today.requests).toBe(1);
    expect(fake.count('transcription')).toBe(1);
  });

  it('says when a line runs longer than its shot, and how to fit it', async () => {
    await cli.startFake();
    const id = await generatedBoard();
    const long = 'A long line. '.repeat(8).trim();
    const spoken = await cli.reelbench(['board', 'voice', id, '--shot', '1', '--line', long]).done;
    expect(spoken.code, spoken.stderr).toBe(0);
    expect(spoken.stderr).toMatch(
      /The line runs 6\.\d s; the shot is 2\.0 s\. Make the shot longer, or speed the voice up \(--speed 3\.\d+\)/,
    );
    expect(spoken.stderr).toContain('price unknown (set it with `reelbench config set speech-price N`)');
  });

  it('refuses what it cannot speak before anything is sent', async () => {
    const fake = await cli.startFake();
    const id = await generatedBoard();
    const notSound = path.join(cli.dir, 'notes.mp3');
    await writeFile(notSound, 'not a song at all');
    const cases: [string[], number, string][] = [
      [['board', 'voice', id, '--shot', '1'], 1, 'Shot 1 has no line yet.'],
      [['board', 'voice', id, '--shot', '3', '--line', 'Hi'], 1, '--shot takes a shot number from 1 to 2, not "3"'],
      [['board', 'voice', id, '--shot', '1', '--line', 'Hi', '--voice', 'onix'], 1, 'Did you mean onyx?'],
      [
        ['board', 'voice', id, '--shot', '1', '--line', 'Hi', '--speed', '9'],
        1,
        '--speed takes a number from 0.25 to 4',
      ],
      [['board', 'voice', id, '--line', 'Hi'], 2, 'board voice needs one --shot N.'],
      [['board', 'subtitles', id], 2, 'board subtitles needs --out FILE.srt.'],
      [['board', 'subtitles', id, '--out', path.join(cli.dir, 'x.txt')], 1, '--out names an .srt or .vtt file'],
      [['board', 'subtitles', id, '--out', path.join(cli.dir, 'x.srt')], 1, 'there are no subtitles to write'],
      [['board', 'show', id, '--line', 'Hi'], 2, 'board show takes no --line'],
      [['board', 'show', id, '--timeline', 'otio'], 2, 'board show takes no --timeline'],
      [['board', 'music', id], 2, 'board music needs a FILE.'],
      [['board', 'transcribe', id], 2, 'board transcribe needs one --shot N.'],
      [['board', 'show', id, 'extra'], 2, 'board show takes one id, not "extra" after it.'],
      [['board', 'music', id, path.join(cli.dir, 'none.wav')], 1, 'There is no file at'],
      [['board', 'music', id, notSound], 1, 'notes.mp3 is not a sound file Reelbench can read.'],
      [
        ['board', 'export', id, '--out', path.join(cli.dir, 'f.mp4'), '--timeline', 'edl'],
        1,
        '--timeline takes otio or mlt, not "edl"',
      ],
    ];
    for (const [args, code, message] of cases) {
      const refused = await cli.reelbench(args).done;
      expect([refused.code, refused.stderr], args.join(' ')).toEqual([code, expect.stringContaining(message)]);
    }
    expect(fake.spoken).toEqual([]);
  });
});
