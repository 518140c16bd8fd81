import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How loud (RMS, dBFS) a file's sound is between two times, as FFmpeg's astats measures it; with `hz`, only that
 * band (a narrow band-pass first): which sound plays there, and how loud.
 */
export async function soundLevel(file: string, from: number, to: number, hz?: number): Promise<number> {
  const band = hz === undefined ? '' : `bandpass=f=${hz}:width_type=q:w=8,`;
  const { stderr } = await run('ffmpeg', [
    '-ss',
    String(from),
    '-t',
    String(to - from),
    '-i',
    file,
    '-af',
    `${band}astats=metadata=0:measure_perchannel=none:measure_overall=RMS_level`,
    '-f',
    'null',
    '-',
  ]);
  const level = /RMS level dB: (-?[\d.]+|-inf)/.exec(stderr)?.[1] ?? '-inf';
  return level === '-inf' ? -Infinity : Number(level);
}

/** What FFmpeg's EBU R 128 meter reads for a file: its integrated loudness (LUFS). */
export async function loudnessOf(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-nostats', '-i', file, '-af', 'ebur128', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
}
