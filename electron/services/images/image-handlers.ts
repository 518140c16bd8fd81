import type { DomainHandlers } from '../ipc/router';
import type { DesktopShell } from '../desktop/desktop-shell';
import type { ImageGrants } from './image-grants';
import type { ImageService } from './image-service';
import { importImageData } from './import-image-data';

/** Handlers of the `images.*` domain. */
export function createImageHandlers(
  images: ImageService,
  desktop: DesktopShell,
  cacheDir: string,
  grants: ImageGrants,
): DomainHandlers<'images'> {
  return {
    'images.pick': async () => {
      const file = await desktop.chooseFile('image');
      if (file) grants.grant(file);
      return file ? { path: file } : null;
    },
    'images.importData': async ({ dataUrl }) => ({ path: await importImageData(dataUrl, cacheDir) }),
    'images.inspect': ({ path, target }) => {
      grants.check(path);
      return images.inspect(path, target);
    },
    'images.prepare': async ({ path, ...options }) => {
      grants.check(path);
      const prepared = await images.prepare(path, options);
      return { ...prepared, preview: await images.preview(prepared.path) };
    },
  };
}
