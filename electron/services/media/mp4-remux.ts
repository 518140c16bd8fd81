import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  ALL_FORMATS,
  BufferSource,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  FilePathTarget,
  FilePathSource,
  Input,
  Mp4OutputFormat,
  Output,
  TextSubtitleSource,
  type AudioCodec,
  type InputAudioTrack,
  type InputVideoTrack,
  type MetadataTags,
  type VideoCodec,
} from 'mediabunny';
import { chplBox, type Chapter } from './chapter-box';

/** One clip of a remux: its file and the chapter title it starts (if chapters are written). */
export interface RemuxClip {
  readonly file: string;
  readonly title: string;
}

/** What the output file carries besides the clips' packets. */
export interface RemuxOptions {
  /** Title, comment and private boxes (four-letter names) written into the movie's `udta`. */
  readonly tags?: { readonly title?: string; readonly comment?: string; readonly boxes?: Record<string, Uint8Array> };
  /** Write a chapter at the start of each clip. */
  readonly chapters?: boolean;
  /** Called with the fraction done (0–1) as packets are copied. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
  /** Clips up to this many bytes are read whole to copy their packets; larger ones piece by piece (32 MiB). */
  readonly wholeClipBytes?: number;
  /**
   * A file whose sound becomes the film's (the mix of takes, voice and music): its packets are copied instead of the
   * clips' own sound, cut at the film's end. The clips' sound may then differ in codec.
   */
  readonly soundtrack?: string;
  /** WebVTT text written as the film's subtitle track (shown or hidden by the player). */
  readonly webvtt?: string;
}

/** What a remux produced. */
export interface RemuxResult {
  readonly duration: number;
  readonly chapters: readonly Chapter[];
}

/** The clips cannot be joined without decoding and encoding again: why, in a line. */
export class RemuxMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemuxMismatch';
  }
}

interface OpenedClip {
  readonly file: string;
  readonly input: Input;
  readonly video: InputVideoTrack;
  readonly audio: InputAudioTrack | null;
  readonly videoConfig: VideoDecoderConfig;
  readonly audioConfig: AudioDecoderConfig | null;
  readonly start: number;
  readonly duration: number;
  readonly title: string;
}

const bytesOf = (description: VideoDecoderConfig['description']): string => {
  if (!description) return '';
  const view = ArrayBuffer.isView(description)
    ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
    : new Uint8Array(description);
  return Buffer.from(view).toString('base64');
};

/**
 * A codec string without what only describes colour: VP9's optional fields after profile, level and bit depth
 * (`vp09.00.21.08.01.01.13.01.01`) are presentation hints, not decoding parameters.
 */
const decodingCodec = (codec: string) => (codec.startsWith('vp09.') ? codec.split('.').slice(0, 4).join('.') : codec);

/** What must be equal for packets of two clips to play as one track. */
const videoKey = (config: VideoDecoderConfig) =>
  `${decodingCodec(config.codec)} ${config.codedWidth ?? '?'}×${config.codedHeight ?? '?'} ${bytesOf(config.description)}`;
const audioKey = (config: AudioDecoderConfig | null) =>
  config
    ? `${config.codec} ${config.sampleRate} Hz ${config.numberOfChannels} ch ${bytesOf(config.description)}`
    : 'none';

async function openClip(clip: RemuxClip): Promise<OpenedClip> {
  const input = new Input({
    formats: ALL_FORMATS,
    source: new FilePathSource(clip.file, { maxCacheSize: 32 * 1024 * 1024 }),
  });
  const video = await input.getPrimaryVideoTrack();
  if (!video) throw new RemuxMismatch(`${clip.file} has no video track.`);
  const videoConfig = await video.getDecoderConfig();
  if (!videoConfig) throw new RemuxMismatch(`${clip.file}: its video codec is not one Reelbench can copy.`);
  const audio = await input.getPrimaryAudioTrack();
  const audioConfig = audio ? await audio.getDecoderConfig() : null;
  // The picture defines the clip: sound keeps its offset to the picture (encoder priming may start it a little
  // before zero).
  const start = await video.getFirstTimestamp();
  const duration = (await video.computeDuration()) - start;
  return { file: clip.file, input, video, audio, videoConfig, audioConfig, start, duration, title: clip.title };
}

/** The soundtrack's audio track (its input is disposed by the caller). */
async function openSoundtrack(
  file: string,
): Promise<{ input: Input; track: InputAudioTrack; config: AudioDecoderConfig }> {
  const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(file) });
  try {
    const track = await input.getPrimaryAudioTrack();
    const config = track ? await track.getDecoderConfig() : null;
    if (!track || !config) throw new RemuxMismatch("the film's mixed sound has no audio Reelbench can copy.");
    return { input, track, config };
  } catch (error) {
    input.dispose();
    throw error;
  }
}

const WHOLE_CLIP_BYTES = 32 * 1024 * 1024;

/** The longest the join runs before letting the process's other work in (it runs in the app's main process). */
const SLICE_MS = 16;

/**
 * Lets the event loop turn once every `SLICE_MS`: packets read from memory and written synchronously resolve as
 * microtasks, so on a slow disk (a library on a network share) the join could otherwise hold the window's IPC for as
 * long as the writes take.
 */
function createYielder(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

/**
 * The clip's tracks to copy packets from. A take (a few to a few dozen MB) is read in one go and its packets are
 * views of that one buffer, instead of one fresh buffer per read; one clip at a time is held.
 */
async function packetTracks(
  clip: OpenedClip,
  wholeClipBytes: number,
): Promise<{ video: InputVideoTrack; audio: InputAudioTrack | null; dispose(): void }> {
  const size = await clip.input.source.getSize();
  if (size > wholeClipBytes) return { video: clip.video, audio: clip.audio, dispose: () => undefined };
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(await readFile(clip.file)) });
  const video = await input.getPrimaryVideoTrack();
  if (!video) throw new RemuxMismatch(`${clip.file} has no video track.`);
  return { video, audio: clip.audio ? await input.getPrimaryAudioTrack() : null, dispose: () => input.dispose() };
}

function mismatchOf(clips: readonly OpenedClip[], ownSound: boolean): string | null {
  const [first, ...rest] = clips;
  if (!first) return null;
  for (const clip of rest) {
    if (videoKey(clip.videoConfig) !== videoKey(first.videoConfig))
      return `"${clip.title}" is ${clip.videoConfig.codec} ${clip.videoConfig.codedWidth ?? '?'}×${clip.videoConfig.codedHeight ?? '?'}, "${first.title}" ${first.videoConfig.codec} ${first.videoConfig.codedWidth ?? '?'}×${first.videoConfig.codedHeight ?? '?'} (or their encoder settings differ).`;
    if (ownSound && audioKey(clip.audioConfig) !== audioKey(first.audioConfig))
      return `the sound of "${clip.title}" and "${first.title}" is encoded differently (${audioKey(clip.audioConfig).split(' ').slice(0, 5).join(' ')} / ${audioKey(first.audioConfig).split(' ').slice(0, 5).join(' ')}).`;
  }
  return null;
}

/**
 * Joins clips into one MP4 by copying their packets (no decoding, no quality lost): each clip's video and sound are
 * shifted to start where the previous clip's video ends. Throws `RemuxMismatch` when the clips' codec parameters
 * differ (they must then be encoded again). One clip with tags is how a file gets its metadata written in.
 */
export async function remuxClips(
  clips: readonly RemuxClip[],
  outFile: string,
  options: RemuxOptions = {},
): Promise<RemuxResult> {
  const opened: OpenedClip[] = [];
  let soundtrack: Awaited<ReturnType<typeof openSoundtrack>> | null = null;
  try {
    for (const clip of clips) opened.push(await openClip(clip));
    const mismatch = mismatchOf(opened, options.soundtrack === undefined);
    if (mismatch) throw new RemuxMismatch(mismatch);
    const [first] = opened;
    if (!first) throw new RemuxMismatch('there is nothing to join.');

    const output = new Output({
      // Boxes in udta (not an ilst): the only way to carry a Nero chapter list and private records in one pass.
      format: new Mp4OutputFormat({ fastStart: false, metadataFormat: 'udta' }),
      // mediabunny's own file target, chunked (its default): it closes the file on finalize or cancel.
      target: new FilePathTarget(outFile),
    });
    const videoSource = new EncodedVideoPacketSource(first.video.codec as VideoCodec);
    output.addVideoTrack(videoSource, { rotation: first.video.rotation });
    soundtrack = options.soundtrack ? await openSoundtrack(options.soundtrack) : null;
    const audioSource = soundtrack
      ? new EncodedAudioPacketSource(soundtrack.track.codec as AudioCodec)
      : first.audio && first.audioConfig
        ? new EncodedAudioPacketSource(first.audio.codec as AudioCodec)
        : null;
    if (audioSource) output.addAudioTrack(audioSource);
    const subtitleSource = options.webvtt ? new TextSubtitleSource('webvtt') : null;
    if (subtitleSource) output.addSubtitleTrack(subtitleSource, { name: 'Subtitles' });

    const chapters: Chapter[] = [];
    let offset = 0;
    for (const clip of opened) {
      chapters.push({ start: offset, title: clip.title });
      offset += clip.duration;
    }
    const tags: MetadataTags = {
      ...(options.tags?.title !== undefined ? { title: options.tags.title } : {}),
      ...(options.tags?.comment !== undefined ? { comment: options.tags.comment } : {}),
      raw: {
        ...options.tags?.boxes,
        ...(options.chapters ? { chpl: chplBox(chapters) } : {}),
      },
    };
    output.setMetadataTags(tags);
    const abort = () => void output.cancel();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await output.start();
      const total = opened.reduce((sum, clip) => sum + clip.duration, 0) || 1;
      let clipStart = 0;
      let lastAudio = 0;
      const joining = opened.length > 1;
      const yieldNow = createYielder();
      if (subtitleSource && options.webvtt) {
        await subtitleSource.add(options.webvtt);
        subtitleSource.close();
      }
      for (const clip of opened) {
        const tracks = await packetTracks(clip, options.wholeClipBytes ?? WHOLE_CLIP_BYTES);
        try {
          let firstVideo = true;
          for await (const packet of new EncodedPacketSink(tracks.video).packets()) {
            await yieldNow();
            if (options.signal?.aborted) throw options.signal.reason;
            await videoSource.add(
              packet.clone({ timestamp: clipStart + packet.timestamp - clip.start }),
              firstVideo ? { decoderConfig: clip.videoConfig } : undefined,
            );
            firstVideo = false;
            options.onProgress?.(Math.min(1, (clipStart + packet.timestamp - clip.start) / total));
          }
          if (tracks.audio && audioSource && !soundtrack) {
            // Joined, sound is placed against its own clip's picture, so no drift builds up from clip to clip; a frame
            // of sound that starts after the picture has ended (encoder padding) is left out, so the film is as long as
            // its pictures and timestamps never go back. A single file keeps every packet.
            let firstAudio = true;
            for await (const packet of new EncodedPacketSink(tracks.audio).packets()) {
              const offset = packet.timestamp - clip.start;
              const timestamp = clipStart + offset;
              if (joining && (offset >= clip.duration - 1e-6 || timestamp < lastAudio)) continue;
              await yieldNow();
              await audioSource.add(
                packet.clone({ timestamp }),
                firstAudio && clip.audioConfig ? { decoderConfig: clip.audioConfig } : undefined,
              );
              firstAudio = false;
              lastAudio = timestamp;
            }
          }
        } finally {
          tracks.dispose();
        }
        clipStart += clip.duration;
      }
      if (soundtrack && audioSource) {
        let firstAudio = true;
        for await (const packet of new EncodedPacketSink(soundtrack.track).packets()) {
          // The film is as long as its pictures: sound past them is left out.
          if (packet.timestamp >= clipStart - 1e-6) break;
          await yieldNow();
          await audioSource.add(packet, firstAudio ? { decoderConfig: soundtrack.config } : undefined);
          firstAudio = false;
        }
      }
      await output.finalize();
      options.onProgress?.(1);
      return { duration: clipStart, chapters: options.chapters ? chapters : [] };
    } finally {
      options.signal?.removeEventListener('abort', abort);
      if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    }
  } finally {
    for (const clip of opened) clip.input.dispose();
    soundtrack?.input.dispose();
  }
}
