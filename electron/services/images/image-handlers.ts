import type { IpcHandlers } from '../ipc/router';
import type { ImageService } from './image-service';

/** Handlers of the `images.*` domain. */
export function createImageHandlers(images: ImageService): Pick<IpcHandlers, 'images.inspect' | 'images.prepare'> {
  return {
    'images.inspect': ({ path, target }) => images.inspect(path, target),
    'images.prepare': async ({ path, ...options }) => {
      const prepared = await images.prepare(path, options);
      return { ...prepared, preview: await images.preview(prepared.path) };
    },
  };
}
