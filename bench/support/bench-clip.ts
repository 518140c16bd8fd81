import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** An H.264/AAC clip of the size a generation returns (1080p at full scale), at a bitrate like APIMart's. */
export async function makeClip(file: string, seconds: number, width: number, height: number, bitrate: string) {
  await run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=24:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', bitrate, '-pix_fmt', 'yuv420p', '-g', '48'],
    ...['-c:a', 'aac', '-b:a', '128k', '-shortest', '-movflags', '+faststart', file],
  ]);
}
