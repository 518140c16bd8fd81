import path from 'node:path';
import { appError } from '../../../shared/i18n/error-text';

const SUPPORTED = 'JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG';

/** One-line refusals for images that cannot be used, each with what to do instead. */
export const imageErrors = {
  missing: (file: string) => appError('invalidImage', 'error.image.missing', { file: path.basename(file) }),
  empty: (file: string) => appError('invalidImage', 'error.image.empty', { file: path.basename(file) }),
  notAnImage: (file: string) =>
    appError('invalidImage', 'error.image.notAnImage', { file: path.basename(file), formats: SUPPORTED }),
  heicUnsupported: (file: string) => appError('invalidImage', 'error.image.heic', { file: path.basename(file) }),
  damaged: (file: string) => appError('invalidImage', 'error.image.damaged', { file: path.basename(file) }),
  /** A valid TIFF of a kind Reelbench cannot read: said as such, never "damaged". */
  unsupportedTiff: (file: string, kind: string) =>
    appError('invalidImage', 'error.image.unsupportedTiff', { file: path.basename(file), kind }),
  tooManyPixels: (file: string, megapixels: number) =>
    appError('invalidImage', 'error.image.tooLarge', { file: path.basename(file), megapixels }),
  overBudget: (budgetBytes: number, format: string) => {
    const megabytes = (budgetBytes / (1024 * 1024)).toFixed(1);
    return format === 'png'
      ? appError('invalidImage', 'error.image.overBudgetPng', { megabytes })
      : appError('invalidImage', 'error.image.overBudget', { format: format.toUpperCase(), megabytes });
  },
  unknownFrame: (model: string) => appError('invalidInput', 'error.image.noFrameModel', { model }),
};
