import type { Frame } from '../../../shared/catalog/video-model';
import type { ImageInspection } from '../../../shared/images/image-models';
import { findingsFor, formatName } from './image-findings';
import { checkFile, explainSharpError, openSource, type ImageSource, type SourceLimits } from './image-source';

const PREVIEW_SIZE = 480;

/** A small WebP of an image (orientation applied), as a data: URL the renderer's CSP allows. */
export async function previewDataUrl(input: Buffer | string, limits: SourceLimits): Promise<string> {
  return previewOf(await openSource(input, typeof input === 'string' ? input : 'image', limits));
}

async function previewOf(image: ImageSource): Promise<string> {
  const webp = await image
    .open()
    .autoOrient()
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();
  return `data:image/webp;base64,${webp.toString('base64')}`;
}

/**
 * Reads an image's facts as displayed (EXIF orientation applied) and what preparing it for `frame` will do.
 * Decodes it once, for the preview, which also proves the file is whole.
 */
export async function inspectImage(
  file: string,
  frameFor: ((source: Frame) => Frame) | null,
  budgetBytes: number,
  limits: SourceLimits,
): Promise<ImageInspection> {
  const bytes = await checkFile(file);
  try {
    const image = await openSource(file, file, limits);
    const { metadata } = image;
    const width = metadata.autoOrient?.width ?? metadata.width;
    const height = metadata.autoOrient?.height ?? metadata.height;
    if (!width || !height) throw new Error('unsupported image format: no dimensions');
    const format = formatName(metadata.format, metadata.compression);
    const frames = metadata.pages ?? 1;
    const preview = await previewOf(image);
    // Screenshots often carry an alpha channel that is opaque everywhere: only real transparency is worth a word.
    const transparent = metadata.hasAlpha === true && !(await image.open().stats()).isOpaque;
    return {
      format,
      width,
      height,
      bytes,
      hasAlpha: transparent,
      animated: frames > 1,
      colourSpace: metadata.space ?? 'unknown',
      bitDepth: metadata.depth === 'ushort' ? 16 : metadata.depth === 'float' || metadata.depth === 'double' ? 32 : 8,
      findings: findingsFor(
        { format, width, height, bytes, hasAlpha: transparent, frames },
        frameFor ? frameFor({ width, height }) : null,
        budgetBytes,
      ),
      preview,
    };
  } catch (error) {
    throw await explainSharpError(file, error, limits);
  }
}
