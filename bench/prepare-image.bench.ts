// npm run bench: prepare() against a minimal sharp pipeline (rotate → extract → resize → jpeg) on the same
// inputs in the same run, reporting the time ratio (target ≤ 1.3) and peak RSS of each.
// `--scale 0.05` shrinks the inputs for a quick smoke run (the test suite does this so the benchmark cannot rot).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { cropRectangle } from '../shared/images/crop-geometry.ts';
import { createImageService } from '../electron/services/images/image-service.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' } },
});
const scale = Number(values.scale);
const runs = Math.max(1, Number(values.runs));
const FRAME = { width: 1280, height: 720 };
const TARGET = 1.3;

interface Sample {
  readonly milliseconds: number;
  readonly peakRssMb: number;
}

async function measure(task: () => Promise<unknown>): Promise<Sample> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const start = performance.now();
  await task();
  const milliseconds = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { milliseconds, peakRssMb: peak / (1024 * 1024) };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

/** A photo-like test image: smooth gradients with mild grain (pure noise would be unrealistically incompressible). */
async function makeInput(file: string, width: number, height: number, format: 'jpeg' | 'png'): Promise<void> {
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1">` +
      '<stop offset="0" stop-color="#1d3b6f"/><stop offset="0.5" stop-color="#e0a050"/><stop offset="1" stop-color="#2f7a4a"/></linearGradient></defs>' +
      `<rect width="${width}" height="${height}" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#f4f0e8"/></svg>`,
  );
  const grain = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .png()
    .toBuffer();
  const image = sharp(gradient, { limitInputPixels: false }).composite([{ input: grain, blend: 'overlay' }]);
  await (format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png({ compressionLevel: 6 })).toFile(file);
}

function baseline(file: string, width: number, height: number): Promise<Buffer> {
  return sharp(file, { limitInputPixels: 100_000_000 })
    .rotate()
    .extract(cropRectangle(width, height, FRAME))
    .resize(FRAME.width, FRAME.height)
    .jpeg({ quality: 90, mozjpeg: true })
    .toBuffer();
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-bench-'));
try {
  const cases = [
    {
      name: '24 MP JPEG',
      width: Math.round(6000 * Math.sqrt(scale)),
      height: Math.round(4000 * Math.sqrt(scale)),
      format: 'jpeg' as const,
    },
    {
      name: '50 MP PNG',
      width: Math.round(8660 * Math.sqrt(scale)),
      height: Math.round(5774 * Math.sqrt(scale)),
      format: 'png' as const,
    },
  ];
  console.log(`prepare() vs minimal sharp pipeline, ${runs} runs each, median time; scale ${scale}`);
  let worst = 0;
  for (const testCase of cases) {
    const file = path.join(dir, `input.${testCase.format === 'jpeg' ? 'jpg' : 'png'}`);
    await makeInput(file, testCase.width, testCase.height, testCase.format);
    const ours: Sample[] = [];
    const theirs: Sample[] = [];
    for (let run = 0; run <= runs; run += 1) {
      // A fresh cache folder every run: the cache would otherwise answer instantly and flatter the ratio.
      const images = createImageService({ cacheDir: path.join(dir, `cache-${testCase.format}-${run}`) });
      const a = await measure(() => baseline(file, testCase.width, testCase.height));
      const b = await measure(() =>
        images.prepare(file, { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } }),
      );
      if (run === 0) continue; // warm-up
      theirs.push(a);
      ours.push(b);
    }
    const ratio =
      median(ours.map((sample) => sample.milliseconds)) / median(theirs.map((sample) => sample.milliseconds));
    worst = Math.max(worst, ratio);
    console.log(
      `${testCase.name.padEnd(11)} ${testCase.width}×${testCase.height}: prepare ${median(ours.map((s) => s.milliseconds)).toFixed(0)} ms, ` +
        `baseline ${median(theirs.map((s) => s.milliseconds)).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET}); ` +
        `peak RSS prepare ${Math.max(...ours.map((s) => s.peakRssMb)).toFixed(0)} MB, baseline ${Math.max(...theirs.map((s) => s.peakRssMb)).toFixed(0)} MB`,
    );
  }
  console.log(`worst ratio ${worst.toFixed(2)}: ${worst <= TARGET ? 'within target' : 'ABOVE TARGET'}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
