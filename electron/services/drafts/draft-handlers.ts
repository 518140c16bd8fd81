import type { ImageTokens } from '../images/image-tokens';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DomainHandlers } from '../ipc/router';
import type { DesktopShell } from '../desktop/desktop-shell';
import type { DraftStore } from '../storage/draft-store';
import type { BoardStore } from '../storage/board-store';
import type { DraftService } from './draft-service';
import { exportDrafts, importDrafts, MAX_IMPORT_BYTES } from './drafts-transfer';
import { appError } from '../../../shared/i18n/error-text';

/** Handlers of the `drafts.*` domain. */
export function createDraftHandlers(
  drafts: DraftService,
  store: DraftStore,
  boards: BoardStore,
  desktop: DesktopShell,
  tokens: ImageTokens,
  /** Where imported characters' pictures are written. */
  imagesDir: string,
  now: () => Date = () => new Date(),
): DomainHandlers<'drafts'> {
  return {
    'drafts.list': (query) => drafts.list(query),
    'drafts.create': (initial) => drafts.create(initial),
    'drafts.get': ({ id }) => drafts.get(id),
    'drafts.update': ({ id, patch }) => drafts.update(id, patch),
    'drafts.setImage': ({ id, role, image }) => drafts.setImage(id, role, image === null ? null : tokens.fileOf(image)),
    'drafts.removeImage': ({ id, index }) => drafts.removeImage(id, index),
    'drafts.duplicate': ({ id }) => drafts.duplicate(id),
    'drafts.remove': ({ id }) => drafts.remove(id),
    'drafts.undoRemove': ({ id }) => drafts.undoRemove(id),
    'drafts.saveVersion': ({ id }) => drafts.saveVersion(id),
    'drafts.versions': ({ id }) => drafts.versions(id),
    'drafts.diff': ({ from, to }) => drafts.diff(from, to),
    'drafts.restoreVersion': ({ versionId }) => drafts.restoreVersion(versionId),
    'drafts.presets': () => drafts.presets(),
    'drafts.savePreset': (preset) => drafts.savePreset(preset),
    'drafts.deletePreset': ({ id }) => {
      drafts.deletePreset(id);
      return undefined;
    },
    'drafts.applyPreset': ({ draftId, presetId }) => drafts.applyPreset(draftId, presetId),
    'drafts.generate': ({ id }) => drafts.generate(id),
    'drafts.planBatch': ({ id, spec }) => drafts.planBatch(id, spec),
    'drafts.runBatch': ({ id, spec }) => drafts.runBatch(id, spec),
    'drafts.export': async () => {
      const folder = await desktop.chooseFolder('exportDrafts');
      if (!folder) return { file: null };
      const file = path.join(folder, `reelbench-drafts-${now().toISOString().slice(0, 10)}.json`);
      await writeFile(file, await exportDrafts(store, boards, now()));
      return { file };
    },
    'drafts.import': async () => {
      const file = await desktop.chooseFile('importDrafts');
      if (!file) return null;
      const unreadable = () => {
        throw appError('invalidInput', 'error.drafts.importUnreadable', { file: path.basename(file) });
      };
      // Sized before it is read: a file far past the limit is refused without loading it.
      const { size } = await stat(file).catch(unreadable);
      if (size > MAX_IMPORT_BYTES) throw appError('invalidInput', 'error.drafts.importTooLarge');
      const text = await readFile(file, 'utf8').catch(unreadable);
      return importDrafts(store, boards, text, now(), imagesDir);
    },
  };
}
