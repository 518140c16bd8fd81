import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportsIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries (enforced by `npm run lint`)', () => {
  it.each([
    ['renderer/features/x/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/features/x/bad.ts', "import type { BrowserWindow } from 'electron';\nexport type X = BrowserWindow;\n"],
    ['renderer/features/x/bad.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;\n"],
    ['renderer/features/x/bad.ts', "import path from 'path';\nexport const x = path;\n"],
    [
      'renderer/features/x/bad.ts',
      "import { createIpcRouter } from '../../../electron/services/ipc/router';\nexport const x = createIpcRouter;\n",
    ],
    ['shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/bad.ts', "import { api } from '../renderer/lib/bridge';\nexport const x = api;\n"],
    [
      'shared/ipc/bad.ts',
      "import { resolveAppPaths } from '../../electron/services/app-paths';\nexport const x = resolveAppPaths;\n",
    ],
    ['electron/services/ipc/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/services/ipc/bad.ts', "import keytar from 'keytar';\nexport const x = keytar;\n"],
    [
      'electron/services/ipc/bad.ts',
      "import { registerIpcRouter } from '../../main/ipc-bridge';\nexport const x = registerIpcRouter;\n",
    ],
    ['electron/main/bad.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['electron/preload/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    // The renderer's layers: nothing runs back up, and features meet only at their public entries.
    [
      'renderer/features/models/bad.ts',
      "import { useRecentModels } from '../workbench';\nexport const x = useRecentModels;\n",
    ],
    [
      'renderer/features/boards/bad.ts',
      "import { useDraftsStore } from '../workbench/drafts-store';\nexport const x = useDraftsStore;\n",
    ],
    ['renderer/features/queue/bad.ts', "import { AppFrame } from '../../app/app-frame';\nexport const x = AppFrame;\n"],
    ['renderer/lib/bad.ts', "import { useJobsStore } from '../features/queue';\nexport const x = useJobsStore;\n"],
    ['renderer/ui/bad.ts', "import { ModelPicker } from '../features/models';\nexport const x = ModelPicker;\n"],
    [
      'renderer/features/library/bad.ts',
      "import { toErrorData } from '../../lib/bridge';\nexport const x = toErrorData;\n",
    ],
    ['renderer/i18n/bad.ts', "import { Tip } from '../ui/tip';\nexport const x = Tip;\n"],
    [
      'renderer/app/bad.ts',
      "import { useJobsStore } from '../features/queue/jobs-store';\nexport const x = useJobsStore;\n",
    ],
  ])('%s: refuses %s', async (file, code) => {
    expect(await restrictedImportsIn(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'renderer/features/x/ok.ts',
      "import type { AppInfo } from '../../../shared/models/app-info';\nexport type X = AppInfo;\n",
    ],
    ['electron/main/ok.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'renderer/features/boards/ok.ts',
      "import { useDraftsStore } from '../workbench';\nexport const x = useDraftsStore;\n",
    ],
    [
      'renderer/features/boards/ok.ts',
      "import { useBoardsStore } from './boards-store';\nexport const x = useBoardsStore;\n",
    ],
    ['renderer/app/ok.ts', "import { useJobsFeed } from '../features/queue';\nexport const x = useJobsFeed;\n"],
    ['electron/main/ipc-bridge.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['electron/preload/ok.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['electron/services/keychain/ok.ts', "import keytar from 'keytar';\nexport const x = keytar;\n"],
    ['electron/services/images/ok.ts', "import sharp from 'sharp';\nexport const x = sharp;\n"],
    [
      'electron/services/storage/ok.ts',
      "import { DatabaseSync } from 'node:sqlite';\nexport const x = DatabaseSync;\n",
    ],
  ])('%s: allows %s', async (file, code) => {
    expect(await restrictedImportsIn(file, code)).toEqual([]);
  });

  it.each([
    ['electron/services/library/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/main/bad.ts', "import { statSync } from 'fs';\nexport const x = statSync;\n"],
    ['electron/services/library/bad.ts', "import fs from 'node:fs';\nexport const x = () => fs.existsSync('a');\n"],
  ])('%s: refuses synchronous file I/O: %s', async (file, code) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    expect((result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-syntax')).not.toEqual([]);
  });

  it.each([
    ['electron/services/library/ok.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['electron/cli/ok.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ])('%s: allows %s', async (file, code) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    expect((result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});
