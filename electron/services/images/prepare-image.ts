import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frame } from '../../../shared/catalog/video-model';
import { cropRectangle, type NormalizedRect } from '../../../shared/images/crop-geometry';
import type { PreparedImage } from '../../../shared/images/image-models';
import { keyOf, memoizedHash, memoKeyOf, type HashMemo } from './content-hash';
import { encodeWithinBudget, type FramePixels, type OutputFormat } from './encode-within-budget';
import { checkFile, explainSharpError, openSource, type ImageSource, type SourceLimits } from './image-source';

/** Bump when the pipeline changes what it produces, so old cache entries are not reused. */
const PIPELINE_VERSION = 1;
const EXTENSIONS: Readonly<Record<OutputFormat, string>> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** One preparation job. */
export interface PrepareRequest {
  readonly file: string;
  /** The frame for a source of this size (the model's exact frame, or one that follows the source's size). */
  readonly frameFor: (source: Frame) => Frame;
  readonly crop?: NormalizedRect | undefined;
  readonly format: OutputFormat;
  readonly background: string;
  readonly budgetBytes: number;
  readonly cacheDir: string;
  readonly limits: SourceLimits;
  readonly hashes: HashMemo;
}

function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}

async function existingSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * Decodes once — orientation applied, cropped to the frame's ratio, resized to the exact frame, alpha flattened,
 * converted to 8-bit sRGB — into raw pixels no larger than the frame.
 */
async function framePixels(request: PrepareRequest, image: ImageSource, source: Frame, frame: Frame) {
  const crop = cropRectangle(source.width, source.height, frame, request.crop);
  const { data, info } = await image
    .open()
    .autoOrient()
    .extract(crop)
    .resize(frame.width, frame.height, { fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background: hexToRgb(request.background) })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels: FramePixels = { data, width: info.width, height: info.height, channels: 3 };
  return { pixels, crop };
}

/**
 * Prepares a reference image into the cache, keyed by the input's content and every parameter, so the same request
 * is answered from the cache at once. The output is written to a temporary name and renamed: never half a file.
 */
export async function prepareImage(request: PrepareRequest): Promise<PreparedImage> {
  await checkFile(request.file);
  try {
    const { size, mtimeMs } = await stat(request.file);
    const image = await openSource(request.file, request.file, request.limits);
    const { metadata } = image;
    const width = metadata.autoOrient?.width ?? metadata.width;
    const height = metadata.autoOrient?.height ?? metadata.height;
    if (!width || !height) throw new Error('unsupported image format: no dimensions');
    const source = { width, height };
    const frame = request.frameFor(source);
    const crop = cropRectangle(width, height, frame, request.crop);
    const folder = path.join(request.cacheDir, 'prepared');
    const outputFor = (inputHash: string) => {
      const key = keyOf({
        version: PIPELINE_VERSION,
        input: inputHash,
        frame,
        crop,
        format: request.format,
        background: request.background.toLowerCase(),
        budget: request.budgetBytes,
      });
      return { key, output: path.join(folder, `${key}.${EXTENSIONS[request.format]}`) };
    };
    const describe = (key: string, output: string) => ({
      path: output,
      key,
      format: request.format,
      width: frame.width,
      height: frame.height,
      crop,
      source,
    });

    // A file hashed before and unchanged since: the cache answers without reading or decoding it.
    if (request.hashes.has(memoKeyOf(request.file, { size, mtimeMs }))) {
      const { key, output } = outputFor(await memoizedHash(request.file, { size, mtimeMs }, request.hashes));
      const cachedBytes = await existingSize(output);
      if (cachedBytes > 0) return { ...describe(key, output), bytes: cachedBytes, quality: null, reused: true };
    }

    // Otherwise hash and decode at the same time: the first preparation costs the slower of the two, not both.
    const decoding = framePixels(request, image, source, frame);
    decoding.catch(() => undefined); // Awaited below; this only stops an early rejection counting as unhandled.
    const { key, output } = outputFor(await memoizedHash(request.file, { size, mtimeMs }, request.hashes));
    const cachedBytes = await existingSize(output);
    if (cachedBytes > 0) {
      await decoding.catch(() => undefined);
      return { ...describe(key, output), bytes: cachedBytes, quality: null, reused: true };
    }

    const { pixels } = await decoding;
    const encoded = await encodeWithinBudget(pixels, request.format, request.budgetBytes);
    await mkdir(folder, { recursive: true });
    const temporary = `${output}.${process.pid}.tmp`;
    await writeFile(temporary, encoded.buffer);
    await rename(temporary, output);
    return { ...describe(key, output), bytes: encoded.buffer.length, quality: encoded.quality, reused: false };
  } catch (error) {
    throw await explainSharpError(request.file, error, request.limits);
  }
}
