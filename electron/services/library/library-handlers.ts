import { compareItems } from './compare-items';
import type { DomainHandlers } from '../ipc/router';
import type { DesktopShell } from '../desktop/desktop-shell';
import type { LibraryHost } from './library-host';
import { appError } from '../../../shared/i18n/error-text';

function decodeDataUrl(dataUrl: string): Buffer {
  const comma = dataUrl.indexOf(',');
  if (comma < 0) throw appError('invalidInput', 'error.poster.unusable');
  return Buffer.from(dataUrl.slice(comma + 1), 'base64');
}

/** Handlers of the `library.*` domain. */
export function createLibraryHandlers(host: LibraryHost, desktop: DesktopShell): DomainHandlers<'library'> {
  // The library opens in the background at start-up: calls made meanwhile wait for it rather than fail.
  const library = async () => {
    await host.ready();
    return host.current();
  };
  const videoFileOf = async (id: string) => {
    const file = await (await library()).mediaFile('video', id);
    if (!file) throw appError('notFound', 'error.library.itemGone');
    return file;
  };
  return {
    'library.list': async (query) => (await library()).list(query),
    'library.get': async ({ id }) => (await library()).get(id),
    'library.update': async ({ id, patch }) => (await library()).update(id, patch),
    'library.remove': async ({ ids }) => (await library()).remove(ids),
    'library.undoRemove': async ({ ids }) => (await library()).undoRemove(ids),
    'library.reveal': async ({ id }) => {
      desktop.reveal(await videoFileOf(id));
      return undefined;
    },
    'library.startDrag': async ({ id }) => {
      desktop.startDrag(await videoFileOf(id));
      return undefined;
    },
    'library.export': async ({ ids }) => {
      const destination = await desktop.chooseFolder('export');
      if (!destination) return { exported: 0, destination: null };
      return { ...(await (await library()).exportItems(ids, destination)), destination };
    },
    'library.import': async () => {
      const folder = await desktop.chooseFolder('import');
      return folder ? (await library()).importFolder(folder) : null;
    },
    'library.reuse': async ({ id }) => (await library()).reuse(id),
    'library.compare': async ({ ids }) => compareItems(await library(), ids),
    'library.rebuild': async () => (await library()).rebuild(),
    'library.problems': async () => {
      await library();
      return host.problems();
    },
    'library.postersMissing': async ({ limit }) => (await library()).postersMissing(limit),
    'library.savePoster': async ({ id, image }) => {
      await (await library()).savePoster(id, decodeDataUrl(image));
      return undefined;
    },
    'library.location': () => host.location(),
    'library.move': async () => {
      const destination = await desktop.chooseFolder('move');
      return destination ? host.move(destination) : null;
    },
  };
}
