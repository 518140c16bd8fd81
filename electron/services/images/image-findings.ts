import type { Frame } from '../../../shared/catalog/video-model';
import { cropRectangle, ratioLabel } from '../../../shared/images/crop-geometry';
import type { ImageFinding } from '../../../shared/images/image-models';
import type { MessageRef } from '../../../shared/errors';
import { catalogText } from '../../../shared/i18n/error-text';
import type { MessageKey, MessageParams } from '../../../shared/i18n/message-types';

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

/** A finding's words: English for the CLI, and the catalog message the window translates. */
function said<K extends MessageKey>(key: K, params: MessageParams<K>): { message: string; text: MessageRef } {
  const { message, text } = catalogText(key, params);
  return { message, text };
}

/** What preparing this image for `frame` will do, in words the UI can show. */
export function findingsFor(source: SourceFacts, frame: Frame | null, budgetBytes: number): ImageFinding[] {
  const findings: ImageFinding[] = [];
  if (frame) {
    const sourceRatio = source.width / source.height;
    const frameRatio = frame.width / frame.height;
    if (Math.abs(sourceRatio - frameRatio) / frameRatio > 0.01) {
      const ratio = ratioLabel(frame);
      findings.push({ kind: 'crop', ratio, ...said('finding.crop', { ratio }) });
    }
    const crop = cropRectangle(source.width, source.height, frame);
    const factor = Math.round((frame.width / crop.width) * 10) / 10;
    if (frame.width / crop.width > 1.05) {
      findings.push({
        kind: 'upscale',
        factor,
        ...said('finding.upscale', { width: String(frame.width), height: String(frame.height), factor }),
      });
    }
  }
  if (source.bytes > budgetBytes) {
    findings.push({
      kind: 'reencode',
      bytes: source.bytes,
      ...said('finding.reencode', { megabytes: Math.round(budgetBytes / (1024 * 1024)) }),
    });
  }
  if (!DIRECT_FORMATS.has(source.format)) {
    findings.push({ kind: 'convert', from: source.format, ...said('finding.convert', { format: source.format }) });
  }
  if (source.frames > 1) {
    findings.push({
      kind: 'firstFrame',
      frames: source.frames,
      ...said('finding.firstFrame', { count: source.frames }),
    });
  }
  if (source.hasAlpha) findings.push({ kind: 'flatten', ...said('finding.flatten', {}) });
  return findings;
}
