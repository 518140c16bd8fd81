import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const WORDS = [
  'fox',
  'ocean',
  'city',
  'night',
  'rain',
  'forest',
  'neon',
  'desert',
  'snow',
  'river',
  'drone',
  'portrait',
  'slow',
  'motion',
  'sunset',
  'crowd',
  'robot',
  'cat',
  'mountain',
  'festival',
];

/**
 * Writes `count` library items (a small stand-in .mp4 and a sidecar each) into `root`, and — when `posterDir` is
 * given — a poster for each, so large libraries can be opened, listed and scrolled in tests and benchmarks.
 */
export async function generateLibrary(root: string, count: number, posterDir?: string): Promise<void> {
  await mkdir(root, { recursive: true });
  const video = randomBytes(2048);
  let poster: string | undefined;
  if (posterDir) {
    await mkdir(posterDir, { recursive: true });
    poster = path.join(posterDir, 'template.webp.tmp');
    await sharp({ create: { width: 320, height: 180, channels: 3, background: '#446688' } })
      .webp()
      .toFile(poster);
  }
  for (let start = 0; start < count; start += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - start) }, async (_, offset) => {
        const index = start + offset;
        const id = randomUUID();
        const words = Array.from({ length: 12 }, (_, word) => WORDS[(index * 7 + word * 13) % WORDS.length]).join(' ');
        const stem = `clip ${String(index).padStart(5, '0')}`;
        await writeFile(path.join(root, `${stem}.mp4`), video);
        await writeFile(
          path.join(root, `${stem}.reelbench.json`),
          JSON.stringify({
            schema: 'reelbench.video/1',
            id,
            video: `${stem}.mp4`,
            videoBytes: video.length,
            generation: {
              prompt: words,
              model: index % 3 ? 'sora-2-preview' : 'sora-2-pro-preview',
              duration: [4, 8, 12][index % 3],
              aspect: index % 2 ? 'landscape' : 'portrait',
              resolution: 'standard',
              referenceImage: null,
              taskId: null,
              jobId: null,
            },
            createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
            completedAt: null,
            appVersion: 'generated',
            user: {
              title: `Clip ${index} ${WORDS[index % WORDS.length]}`,
              favorite: index % 10 === 0,
              tags: [WORDS[index % 5] ?? 'x'],
              rating: null,
              notes: '',
            },
          }),
        );
        if (poster && posterDir) await copyFile(poster, path.join(posterDir, `${id}.webp`));
      }),
    );
  }
}
