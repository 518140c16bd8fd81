import path from 'node:path';
import { AppError } from '../../../shared/errors';

const SUPPORTED = 'JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG';

/** One-line refusals for images that cannot be used, each with what to do instead. */
export const imageErrors = {
  missing: (file: string) =>
    new AppError(
      'invalidImage',
      `The file "${path.basename(file)}" does not exist (any more).`,
      'Pick the image again.',
    ),
  empty: (file: string) =>
    new AppError('invalidImage', `The file "${path.basename(file)}" is empty.`, 'Pick another image.'),
  notAnImage: (file: string) =>
    new AppError(
      'invalidImage',
      `"${path.basename(file)}" is not an image Reelbench can read.`,
      `Use a ${SUPPORTED} file.`,
    ),
  heicUnsupported: (file: string) =>
    new AppError(
      'invalidImage',
      `"${path.basename(file)}" is a HEIC photo, which this build cannot read.`,
      'Export it as JPEG first (Photos: File → Export; iPhone: Settings → Camera → Formats → Most Compatible).',
    ),
  damaged: (file: string) =>
    new AppError(
      'invalidImage',
      `"${path.basename(file)}" is damaged or incomplete and cannot be read.`,
      'Copy or download the image again, or pick another one.',
    ),
  tooManyPixels: (file: string, megapixels: number) =>
    new AppError(
      'invalidImage',
      `"${path.basename(file)}" is too large to process safely (over ${megapixels} megapixels).`,
      'Resize it below that in an image editor, or pick another image.',
    ),
  overBudget: (budgetBytes: number, format: string) =>
    new AppError(
      'invalidImage',
      `This image cannot be encoded as ${format.toUpperCase()} under ${(budgetBytes / (1024 * 1024)).toFixed(1)} MB.`,
      format === 'png' ? 'Choose JPEG or WebP output instead.' : 'Pick a simpler image.',
    ),
  unknownFrame: (model: string, resolution: string | undefined) =>
    new AppError(
      'invalidInput',
      `There is no output frame for model "${model}"${resolution ? ` at resolution "${resolution}"` : ''}.`,
      'Choose a model and resolution from the catalog.',
    ),
} as const;
