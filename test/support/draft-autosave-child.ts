// Autosaves a draft as fast as it can (like a very fast typist), printing each save once it has returned,
// until it is killed. Run by test/integration/drafts/autosave-kill.test.ts with `kill -9`.
import path from 'node:path';
import { SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog.ts';
import { createDraftService } from '../../electron/services/drafts/draft-service.ts';
import { openDraftStore } from '../../electron/services/storage/draft-store.ts';

const [file, draftId] = process.argv.slice(2);
if (!file || !draftId) throw new Error('usage: draft-autosave-child.ts <drafts.sqlite> <draft id>');
const store = openDraftStore(file);
const drafts = createDraftService({
  store,
  imagesDir: path.join(path.dirname(file), 'images'),
  catalog: () => SNAPSHOT_CATALOG,
  jobs: () => {
    throw new Error('no jobs here');
  },
  pricePerSecond: () => null,
});
let typed = 'A fox';
for (let keystroke = 1; ; keystroke += 1) {
  typed += keystroke % 7 === 0 ? ' ' : String.fromCharCode(97 + (keystroke % 26));
  drafts.update(draftId, { prompt: `${typed}|${keystroke}` });
  process.stdout.write(`${keystroke}\n`);
  if (keystroke % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
