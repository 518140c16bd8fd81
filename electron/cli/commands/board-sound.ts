import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SPEECH_VOICES, type SpeechVoice } from '../../../shared/audio/speech';
import type { Storyboard } from '../../../shared/boards/board-models';
import { subtitleCues, toSrt, toVtt } from '../../../shared/boards/subtitles';
import { summarizeRequest } from '../../../shared/catalog/request-summary';
import { formatMoney } from '../../../shared/text/money';
import { boardFilm } from '../../services/boards/board-film';
import { EXIT, refusedValue, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { didYouMean } from '../did-you-mean';
import { requireUserFile } from '../user-files';
import { shotNumbered } from './board-edit';

/** What `board voice` is told. */
export interface VoiceFlags {
  readonly shot: string;
  readonly line?: string | undefined;
  readonly voice?: string | undefined;
  readonly speed?: string | undefined;
}

function voiceFrom(typed: string | undefined): SpeechVoice | null {
  if (typed === undefined) return null;
  const voice = SPEECH_VOICES.find((candidate) => candidate === typed.toLowerCase());
  if (!voice)
    throw refusedValue(
      `--voice takes one of ${SPEECH_VOICES.join(', ')}, not "${typed}".${didYouMean(typed, SPEECH_VOICES)}`,
    );
  return voice;
}

function speedFrom(typed: string | undefined): number | undefined {
  if (typed === undefined) return undefined;
  const speed = Number(typed);
  if (!Number.isFinite(speed) || speed < 0.25 || speed > 4)
    throw refusedValue(`--speed takes a number from 0.25 to 4 (1 is normal), not "${typed}".`);
  return speed;
}

/**
 * `board voice ID --shot N [--line TEXT] [--voice V] [--speed S]`: sets the shot's line (or keeps the one it has) and
 * speaks it through APIMart (billed per line; a line already spoken as it stands is not sent again).
 */
export async function voiceLine(
  board: Storyboard,
  flags: VoiceFlags,
  io: CliIo,
  context: CliContext,
  json: boolean,
): Promise<number> {
  const { shot, index } = shotNumbered(board, flags.shot);
  const voice = voiceFrom(flags.voice);
  const speed = speedFrom(flags.speed);
  const text = flags.line ?? shot.voiceOver?.text;
  if (text === undefined || text.trim() === '')
    throw refusedValue(`Shot ${index + 1} has no line yet.`, 'Give it one with --line "…".');
  const boards = await context.boards();
  boards.updateShot(board.id, shot.id, {
    voiceOver: {
      text,
      speakerId: shot.voiceOver?.speakerId ?? null,
      voice: voice ?? (flags.line === undefined ? (shot.voiceOver?.voice ?? null) : null),
      speed: speed ?? shot.voiceOver?.speed ?? 1,
    },
  });
  const service = context.voiceOver();
  const estimate = await service.estimate(board.id, [shot.id]);
  if (!json && estimate.lines.length > 0)
    io.err(
      `Speaking shot ${index + 1}'s line (${estimate.characters} characters): ${estimate.cost === null ? 'price unknown (set it with `reelbench config set speech-price N`)' : formatMoney(estimate.cost)}.`,
    );
  const spoken = await service.speak(board.id, shot.id);
  const line = spoken.shots[index]?.voiceOver;
  const audio = line?.audio;
  if (!line || !audio) throw refusedValue(`Shot ${index + 1}'s line was not spoken.`);
  const catalog = (await context.models()).current();
  const film = await boardFilm(spoken, (await context.library()).current(), catalog);
  const shotSeconds =
    film.clips.find((clip) => clip.shot.id === shot.id)?.duration ??
    summarizeRequest(catalog, shot.model, shot.params).seconds;
  const tooLong = shotSeconds !== null && audio.seconds > shotSeconds + 0.05;
  const file = service.audioFile(board.id, audio);
  if (json) {
    io.out(
      JSON.stringify({
        ok: true,
        shot: index + 1,
        voice: audio.voice,
        speed: audio.speed,
        seconds: audio.seconds,
        shotSeconds,
        longerThanShot: tooLong,
        sent: estimate.lines.length > 0,
        cost: estimate.lines.length > 0 ? estimate.cost : 0,
        file,
      }),
    );
    return EXIT.ok;
  }
  io.out(
    `Shot ${index + 1}'s line, in ${audio.voice}${audio.speed === 1 ? '' : ` at ${audio.speed}×`}: ${audio.seconds.toFixed(1)} s${estimate.lines.length === 0 ? ' (already spoken as it stands; nothing was sent)' : ''}\n  ${file}`,
  );
  if (tooLong && shotSeconds !== null)
    io.err(
      `The line runs ${audio.seconds.toFixed(1)} s; the shot is ${shotSeconds.toFixed(1)} s. Make the shot longer, or speed the voice up (--speed ${Math.min(4, Math.ceil((audio.seconds / shotSeconds) * audio.speed * 100) / 100)}).`,
    );
  return EXIT.ok;
}

/** `board subtitles ID --out FILE.srt|FILE.vtt`: the film's subtitles from its spoken lines. */
export async function writeSubtitles(
  board: Storyboard,
  typedOut: string,
  io: CliIo,
  context: CliContext,
  json: boolean,
): Promise<number> {
  const out = context.userPath(typedOut);
  const format = path.extname(out).toLowerCase();
  if (format !== '.srt' && format !== '.vtt')
    throw refusedValue(`--out names an .srt or .vtt file, not "${typedOut}".`);
  const film = await boardFilm(board, (await context.library()).current(), (await context.models()).current());
  const cues = subtitleCues(film);
  if (cues.length === 0)
    throw refusedValue(
      'No shot with a take has a spoken line: there are no subtitles to write.',
      'Speak the lines first: `reelbench board voice ID --shot N --line "…"`.',
    );
  await writeFile(out, format === '.srt' ? toSrt(cues) : toVtt(cues));
  if (json) io.out(JSON.stringify({ ok: true, out, cues: cues.length, duration: film.duration }));
  else io.out(`Wrote ${cues.length} subtitle${cues.length === 1 ? '' : 's'} to ${out}`);
  return EXIT.ok;
}

/** `board music ID FILE`: the file under the whole film (checked as sound, copied into the board's folder). */
export async function addMusic(
  board: Storyboard,
  typed: string,
  io: CliIo,
  context: CliContext,
  json: boolean,
): Promise<number> {
  const file = await requireUserFile(context.userPath(typed));
  await context.boards();
  const saved = await context.musicFiles().add(board.id, file);
  const bed = saved.music.at(-1);
  if (!bed) throw refusedValue('The music was not added.');
  if (json) io.out(JSON.stringify({ ok: true, music: { ...bed, path: context.musicFiles().fileOf(board.id, bed) } }));
  else
    io.out(
      `"${bed.name}" (${bed.seconds.toFixed(1)} s) plays under the whole film, at ${Math.round(bed.volume * 100)}%, lowered under voice-over.`,
    );
  return EXIT.ok;
}

/** `board transcribe ID --shot N`: the dialogue in the shot's take, heard through APIMart, kept as its subtitles. */
export async function transcribeShot(
  board: Storyboard,
  typed: string,
  io: CliIo,
  context: CliContext,
  json: boolean,
): Promise<number> {
  const { shot, index } = shotNumbered(board, typed);
  await context.boards();
  const heard = await context.dialogue().transcribe(board.id, shot.id);
  const cues = heard.shots[index]?.dialogue?.cues ?? [];
  if (json) io.out(JSON.stringify({ ok: true, shot: index + 1, cues }));
  else if (cues.length === 0) io.out(`No dialogue was heard in shot ${index + 1}'s take.`);
  else
    io.out(
      `Shot ${index + 1}: ${cues.length} subtitle${cues.length === 1 ? '' : 's'} heard in its take.\n${cues.map((cue) => `  ${cue.start.toFixed(1)}–${cue.end.toFixed(1)} s  ${cue.text.replaceAll('\n', ' ')}`).join('\n')}`,
    );
  return EXIT.ok;
}
