import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How a test clip looks: size, length and which of FFmpeg's test patterns it shows. */
export interface ClipSpec {
  readonly seconds: number;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** FFmpeg's `testsrc2` (moving) by default; `color=c=NAME` gives a flat colour. */
  readonly pattern?: string;
  readonly audio?: boolean;
  /** H.264 preset: clips made with different presets have different codec parameters. */
  readonly profile?: 'high' | 'baseline';
  /** The movie box before the media (the default, as web videos are) or after it. */
  readonly faststart?: boolean;
}

/** Makes a small H.264/AAC MP4 with Debian's ffmpeg (test fixtures only: the app never runs it). */
export async function makeClip(file: string, spec: ClipSpec): Promise<string> {
  const { seconds, width = 320, height = 180, fps = 24, audio = true, profile = 'high' } = spec;
  const pattern = spec.pattern ?? 'testsrc2';
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `${pattern}=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
  ];
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  // Colours tagged as BT.709 (and converted so): every decoder (Chromium's, FFmpeg's) then agrees on the picture.
  args.push('-vf', 'scale=out_color_matrix=bt709:out_range=tv');
  args.push('-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709');
  args.push('-c:v', 'libx264', '-profile:v', profile, '-pix_fmt', 'yuv420p', '-g', String(fps), '-preset', 'veryfast');
  if (audio) args.push('-c:a', 'aac', '-b:a', '64k', '-shortest');
  if (spec.faststart !== false) args.push('-movflags', '+faststart');
  args.push(file);
  await run('ffmpeg', args);
  return file;
}

/** A WAV of one steady tone (music and sound fixtures). */
export async function makeTone(file: string, hz: number, seconds: number): Promise<string> {
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}`, file]);
  return file;
}

/** What ffprobe says of a file: its duration, streams and chapters. */
export async function probe(file: string): Promise<{
  format: { duration: string; tags?: Record<string, string> };
  streams: {
    codec_type: string;
    codec_name: string;
    nb_frames?: string;
    duration?: string;
    width?: number;
    height?: number;
  }[];
  chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
}> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-show_chapters',
    file,
  ]);
  return JSON.parse(stdout) as Awaited<ReturnType<typeof probe>>;
}
