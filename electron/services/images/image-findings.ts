import type { Frame } from '../../../shared/catalog/catalog-schema';
import { cropRectangle, ratioLabel } from '../../../shared/images/crop-geometry';
import type { ImageFinding } from '../../../shared/images/image-models';

/** What is known about a source image before preparing it. */
export interface SourceFacts {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly hasAlpha: boolean;
  readonly frames: number;
}

const DIRECT_FORMATS = new Set(['JPEG', 'PNG', 'WebP']);
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** A display name for sharp's format, telling AVIF and HEIC apart (both are "heif" to sharp). */
export function formatName(format: string | undefined, compression: string | undefined): string {
  if (format === 'heif') return compression === 'av1' ? 'AVIF' : 'HEIC';
  const names: Record<string, string> = {
    jpeg: 'JPEG',
    png: 'PNG',
    webp: 'WebP',
    gif: 'GIF',
    tiff: 'TIFF',
    svg: 'SVG',
    jp2k: 'JPEG 2000',
  };
  return names[format ?? ''] ?? (format ?? 'unknown').toUpperCase();
}

/** What preparing this image for `frame` will do, in words the UI can show as they are. */
export function findingsFor(source: SourceFacts, frame: Frame | null, budgetBytes: number): ImageFinding[] {
  const findings: ImageFinding[] = [];
  if (frame) {
    const sourceRatio = source.width / source.height;
    const frameRatio = frame.width / frame.height;
    if (Math.abs(sourceRatio - frameRatio) / frameRatio > 0.01) {
      const ratio = ratioLabel(frame);
      findings.push({ kind: 'crop', ratio, message: `Will be cropped to ${ratio}.` });
    }
    const crop = cropRectangle(source.width, source.height, frame);
    const factor = Math.round((frame.width / crop.width) * 10) / 10;
    if (frame.width / crop.width > 1.05) {
      findings.push({
        kind: 'upscale',
        factor,
        message: `Smaller than the ${frame.width}×${frame.height} output frame: it will be upscaled ×${factor}.`,
      });
    }
  }
  if (source.bytes > budgetBytes) {
    findings.push({
      kind: 'reencode',
      bytes: source.bytes,
      message: `Over ${megabytes(budgetBytes)}: it will be re-encoded smaller.`,
    });
  }
  if (!DIRECT_FORMATS.has(source.format)) {
    findings.push({ kind: 'convert', from: source.format, message: `${source.format} will be converted to JPEG.` });
  }
  if (source.frames > 1) {
    findings.push({
      kind: 'firstFrame',
      frames: source.frames,
      message: `Animated (${source.frames} frames): only the first frame is used.`,
    });
  }
  if (source.hasAlpha)
    findings.push({ kind: 'flatten', message: 'Transparent areas will be filled with the background colour.' });
  return findings;
}
