import type { DomainHandlers } from '../ipc/router';
import type { DesktopShell } from '../desktop/desktop-shell';
import type { ImageTokens } from './image-tokens';
import type { ImageService } from './image-service';
import { importImageData } from './import-image-data';

/** Handlers of the `images.*` domain: files come in through main's picker or as bytes, and leave as tokens. */
export function createImageHandlers(
  images: ImageService,
  desktop: DesktopShell,
  cacheDir: string,
  tokens: ImageTokens,
): DomainHandlers<'images'> {
  return {
    'images.pick': async () => {
      const file = await desktop.chooseFile('image');
      return file ? { image: tokens.issue(file) } : null;
    },
    'images.importData': async ({ dataUrl }) => ({ image: tokens.issue(await importImageData(dataUrl, cacheDir)) }),
    'images.inspect': ({ image, target }) => images.inspect(tokens.fileOf(image), target),
    'images.prepare': async ({ image, ...options }) => {
      const { path, ...prepared } = await images.prepare(tokens.fileOf(image), options);
      return { ...prepared, preview: await images.preview(path) };
    },
  };
}
