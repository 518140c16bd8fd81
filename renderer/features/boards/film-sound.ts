import type { MusicBed, Shot, Storyboard } from '../../../shared/boards/board-models';
import { sequenceOf, type FiledTake } from '../../../shared/boards/chosen-take';
import { filmTimeline, type FilmClip, type FilmTimeline } from '../../../shared/boards/film-timeline';
import { FILM_SAMPLE_RATE, filmMixPlan, type Pcm } from '../../../shared/audio/film-mix';
import { levelled, mixToStereo } from '../../../shared/audio/mix';

/** Where the film's sounds come from: the takes' files, the spoken lines and the music beds, as bytes. */
export interface FilmSoundSources {
  readonly board: Storyboard;
  readonly takeSeconds: (take: FiledTake, shot: Shot) => number;
  readonly takeBytes: (take: FiledTake) => Promise<ArrayBuffer | null>;
  readonly lineBytes: (clip: FilmClip) => Promise<ArrayBuffer | null>;
  readonly musicBytes: (bed: MusicBed) => Promise<ArrayBuffer | null>;
  readonly signal: AbortSignal;
  readonly onProgress: (fraction: number) => void;
}

/** The film's sound, encoded: an audio-only MP4, its codec (as WebCodecs names it) and its loudness. */
export interface FilmSound {
  readonly bytes: Uint8Array;
  readonly codec: string;
  readonly loudness: number | null;
}

/** The codecs the film's sound may be encoded in, best first: AAC plays everywhere; Opus in MP4 where AAC cannot be encoded. */
const SOUND_CODECS = ['aac', 'opus'] as const;
const BITRATE = 192_000;
/** Samples handed to the encoder at a time (one second). */
const CHUNK = FILM_SAMPLE_RATE;

/** Every channel of a decoded sound (the platform's decoder reads MP4/AAC, MP3, FLAC, Ogg, WAV and resamples). */
async function decoded(context: BaseAudioContext, bytes: ArrayBuffer | null): Promise<Pcm | null> {
  if (!bytes) return null;
  // A take without sound (or a file the platform cannot read) is silent in the mix, not an error.
  const buffer = await context.decodeAudioData(bytes).catch(() => null);
  if (!buffer) return null;
  return Array.from({ length: Math.min(2, buffer.numberOfChannels) }, (_, at) => buffer.getChannelData(at));
}

/** The film as main will join it, and its takes' files (read once, for their sound too). */
export interface MeasuredFilm {
  readonly film: FilmTimeline;
  readonly files: ReadonlyMap<string, ArrayBuffer | null>;
}

/** Reads the takes and lays the film out with each take as long as its pictures play (what main's join makes of it). */
export async function measureFilm(
  sources: Pick<FilmSoundSources, 'board' | 'takeBytes' | 'takeSeconds'>,
): Promise<MeasuredFilm> {
  const files = new Map<string, ArrayBuffer | null>();
  const lengths = new Map<string, number>();
  // All takes at once: reading one while another is parsed keeps the disk and both cores busy.
  await Promise.all(
    sequenceOf(sources.board).map(async ({ take }) => {
      const bytes = await sources.takeBytes(take);
      files.set(take.itemId, bytes);
      const length = bytes ? await picturesLength(bytes) : null;
      if (length !== null) lengths.set(take.itemId, length);
    }),
  );
  const film = filmTimeline(sources.board, (take, shot) => lengths.get(take.itemId) ?? sources.takeSeconds(take, shot));
  return { film, files };
}

/** How long a take's pictures play (seconds), as the join counts it; null when the file has no readable video. */
async function picturesLength(bytes: ArrayBuffer): Promise<number | null> {
  const { ALL_FORMATS, BufferSource, Input } = await import('mediabunny');
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(bytes) });
  try {
    const video = await input.getPrimaryVideoTrack();
    return video ? (await video.computeDuration()) - (await video.getFirstTimestamp()) : null;
  } catch {
    return null;
  } finally {
    input.dispose();
  }
}

const part = (pcm: Pcm, from: number, to: number): Pcm =>
  pcm.map((channel) => channel.subarray(Math.round(from * FILM_SAMPLE_RATE), Math.round(to * FILM_SAMPLE_RATE)));

/**
 * Decodes the takes' own sound, the spoken lines and the music in the window, mixes them with the shared mixing
 * module (levels, fades, ducking), levels the mix to the film's loudness and encodes it (AAC where this platform's
 * WebCodecs encodes it, else Opus), for main to put under the joined pictures.
 */
export async function mixFilmSound(sources: FilmSoundSources, measured?: MeasuredFilm): Promise<FilmSound> {
  const { film, files } = measured ?? (await measureFilm(sources));
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: 1, sampleRate: FILM_SAMPLE_RATE });
  const total = film.clips.length * 2 + sources.board.music.length + 1;
  let done = 0;
  const step = () => {
    if (sources.signal.aborted) throw sources.signal.reason;
    done += 1;
    sources.onProgress((done / total) * 0.6);
  };
  // The platform decodes off the main thread: every sound is decoded at once.
  const takes = Promise.all(
    film.clips.map(async (clip) => {
      const whole = await decoded(context, files.get(clip.take.itemId)?.slice(0) ?? null);
      step();
      return whole ? part(whole, clip.sourceIn, clip.sourceOut) : null;
    }),
  );
  const lines = Promise.all(
    film.clips.map(async (clip) => {
      const line = clip.line ? await decoded(context, await sources.lineBytes(clip)) : null;
      step();
      return line;
    }),
  );
  const beds = Promise.all(
    sources.board.music.map(async (bed) => {
      const pcm = await decoded(context, await sources.musicBytes(bed));
      step();
      return [bed.id, pcm] as const;
    }),
  );
  const [takeSound, lineSound, music] = [await takes, await lines, new Map(await beds)];
  const plan = filmMixPlan(film, sources.board.music, {
    take: (_clip, at) => takeSound[at] ?? null,
    line: (_clip, at) => lineSound[at] ?? null,
    music: (bed) => music.get(bed.id) ?? null,
  });
  const { channels, loudness } = levelled(mixToStereo(plan), FILM_SAMPLE_RATE);
  step();
  const encoded = await encode(channels, sources);
  return { ...encoded, loudness: loudness === null ? null : Math.round(loudness * 10) / 10 };
}

async function encode(
  [left, right]: readonly [Float32Array, Float32Array],
  sources: FilmSoundSources,
): Promise<{ bytes: Uint8Array; codec: string }> {
  const { AudioSample, AudioSampleSource, BufferTarget, Mp4OutputFormat, Output, getFirstEncodableAudioCodec } =
    await import('mediabunny');
  const codec = await getFirstEncodableAudioCodec([...SOUND_CODECS], {
    numberOfChannels: 2,
    sampleRate: FILM_SAMPLE_RATE,
    bitrate: BITRATE,
  });
  if (!codec) throw new Error('This computer cannot encode sound in the window (no AAC or Opus encoder).');
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const source = new AudioSampleSource({ codec, bitrate: BITRATE });
  output.addAudioTrack(source);
  await output.start();
  try {
    for (let at = 0; at < left.length; at += CHUNK) {
      if (sources.signal.aborted) throw sources.signal.reason;
      const frames = Math.min(CHUNK, left.length - at);
      const planar = new Float32Array(frames * 2);
      planar.set(left.subarray(at, at + frames), 0);
      planar.set(right.subarray(at, at + frames), frames);
      const sample = new AudioSample({
        data: planar,
        format: 'f32-planar',
        numberOfChannels: 2,
        sampleRate: FILM_SAMPLE_RATE,
        timestamp: at / FILM_SAMPLE_RATE,
      });
      await source.add(sample);
      sample.close();
      sources.onProgress(0.6 + (0.4 * (at + frames)) / Math.max(1, left.length));
    }
    await output.finalize();
  } finally {
    if (output.state !== 'finalized') await output.cancel();
  }
  if (!target.buffer) throw new Error('The film’s sound could not be encoded.');
  return { bytes: new Uint8Array(target.buffer), codec };
}
