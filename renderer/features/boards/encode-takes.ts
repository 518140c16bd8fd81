import type { VideoSample } from 'mediabunny';

/** A take to encode: its video and the size every take is brought to. */
export interface EncodeJob {
  readonly urls: readonly string[];
  /** The part of each take its shot plays (seconds into the take); the whole take where absent. */
  readonly trims?: readonly { readonly start: number; readonly end: number }[];
  /** Whether the takes' own sound is kept (false when the film's mixed sound replaces it). */
  readonly keepSound?: boolean;
  /** Draws over each frame of take `index` (burned-in subtitles); null leaves its pictures as they are. */
  readonly overlay?: (index: number) => ((sample: VideoSample) => OffscreenCanvas | VideoSample) | null;
  /** Called once per take with its encoded MP4, in order; resolves when it has been handed over. */
  readonly deliver: (index: number, bytes: Uint8Array) => Promise<void>;
  readonly onProgress: (fraction: number) => void;
  readonly signal: AbortSignal;
}

/**
 * Encodes takes whose codec parameters differ into one shape, in the window (WebCodecs through mediabunny, loaded on
 * demand): every take to the first take's frame size (letterboxed), the same video codec at 24 fps — VP9 first: each
 * take is a separate encoder session, and separate H.264 sessions write different parameter sets (avcC), which no
 * join may mix, while VP9 keeps its parameters in the codec string — and the same sound (AAC where it can be encoded,
 * else Opus) at 48 kHz stereo. The results then share their codec parameters, so main joins them like any takes.
 */
export async function encodeTakes(job: EncodeJob): Promise<void> {
  const mediabunny = await import('mediabunny');
  const { ALL_FORMATS, BufferTarget, Conversion, Input, Mp4OutputFormat, Output, QUALITY_HIGH, UrlSource } = mediabunny;
  const first = new Input({ formats: ALL_FORMATS, source: new UrlSource(job.urls[0] ?? '') });
  const track = await first.getPrimaryVideoTrack();
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  const width = even(track?.displayWidth ?? 1280);
  const height = even(track?.displayHeight ?? 720);
  first.dispose();
  const videoCodec = await mediabunny.getFirstEncodableVideoCodec(['vp9', 'avc'], { width, height });
  const audioCodec =
    job.keepSound === false
      ? null
      : await mediabunny.getFirstEncodableAudioCodec(['aac', 'opus'], { numberOfChannels: 2, sampleRate: 48_000 });
  if (!videoCodec) throw new Error('This computer cannot encode video in the window (no H.264 or VP9 encoder).');
  for (const [index, url] of job.urls.entries()) {
    if (job.signal.aborted) throw job.signal.reason;
    const input = new Input({ formats: ALL_FORMATS, source: new UrlSource(url) });
    const target = new BufferTarget();
    const output = new Output({ format: new Mp4OutputFormat(), target });
    try {
      const trim = job.trims?.[index];
      const process = job.overlay?.(index) ?? null;
      const conversion = await Conversion.init({
        input,
        output,
        tracks: 'primary',
        ...(trim ? { trim } : {}),
        video: {
          width,
          height,
          fit: 'contain',
          codec: videoCodec,
          bitrate: QUALITY_HIGH,
          frameRate: 24,
          forceTranscode: true,
          ...(process ? { process } : {}),
        },
        audio: audioCodec
          ? { codec: audioCodec, numberOfChannels: 2, sampleRate: 48_000, bitrate: 128_000, forceTranscode: true }
          : { discard: true },
      });
      if (!conversion.isValid) throw new Error(`Take ${index + 1} cannot be encoded in the window.`);
      conversion.onProgress = (progress) => job.onProgress((index + progress) / job.urls.length);
      const stop = () => void conversion.cancel();
      job.signal.addEventListener('abort', stop, { once: true });
      try {
        await conversion.execute();
      } finally {
        job.signal.removeEventListener('abort', stop);
      }
      if (job.signal.aborted) throw job.signal.reason;
      if (!target.buffer) throw new Error(`Take ${index + 1} produced no video.`);
      await job.deliver(index, new Uint8Array(target.buffer));
    } finally {
      input.dispose();
    }
  }
  job.onProgress(1);
}
