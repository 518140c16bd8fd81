import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/app-protocol/security-headers';
import { BUILT, requireBuild } from '../support/build-output';
import { translator } from '../../shared/i18n/translator';

const run = promisify(execFile);
const DRIVER = path.resolve(import.meta.dirname, '../support/fake-electron/drive-main.mjs');

interface ShellReport {
  callOrder: string[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  webPreferences: Record<string, unknown>;
  preloadExists: boolean;
  loadedUrl: string;
  ipcChannels: string[];
  ipc: Record<'trusted' | 'untrusted' | 'noFrame' | 'malformed', { ok: boolean; error?: { code: string } }>;
  protocol: Record<'index' | 'escape' | 'otherHost' | 'unknownMedia' | 'mediaTraversal', number>;
  protocolHeaders: Record<'index' | 'unknownMedia', { csp: string | null; nosniff: string | null }>;
  libraryList: { ok: boolean; data?: { total: number } };
  libraryMoveCancelled: { ok: boolean; data?: unknown };
  dialogShown: boolean;
  jobEnqueued: boolean;
  notifications: string[];
  progressBar: number | undefined;
  permissions: Record<'media' | 'geolocation' | 'clipboardWrite' | 'check', boolean>;
  navigation: Record<string, unknown>;
  menuLabels: string[];
  eventsSentToWindow: { channel: string; payload: unknown }[];
  focusedOnSecondInstance: boolean;
  savedWindowState: Record<string, unknown>;
  openedExternally: string[];
  aboutPanel: { applicationName: string; applicationVersion: string; copyright: string } | undefined;
  aboutInMenu: boolean;
  contextMenu: { picked: unknown; dismissed: unknown; shown: { hasWindow: boolean; labels: string[] }[] };
  editMenus: Record<'misspelt' | 'selection' | 'nothing', string[] | null>;
  replacedMisspellings: string[];
  drag: { answer: unknown; drags: { file: string; iconEmpty: boolean }[]; expected: string };
  messageBoxes: { message: string; detail: string; buttons: string[] }[];
}

// Every shell started gets its own data folder; a test may start more than one.
const userDataDirs: string[] = [];
afterEach(async () => {
  await Promise.all(userDataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
beforeAll(requireBuild);

/** Starts the built main bundle under Node with `electron` replaced by a recording fake, and probes its wiring. */
async function startShell(
  env: Record<string, string>,
  prepare?: (userData: string) => Promise<void>,
): Promise<ShellReport> {
  const userData = await mkdtemp(path.join(os.tmpdir(), 'reelbench-shell-'));
  userDataDirs.push(userData);
  await prepare?.(userData);
  const { stdout } = await run(process.execPath, [DRIVER, BUILT.main], {
    env: { ...process.env, ELECTRON_RENDERER_URL: '', FAKE_ELECTRON_USER_DATA: userData, ...env },
    timeout: 20_000,
  });
  return JSON.parse(stdout) as ShellReport;
}

describe('the built Electron shell (against a recording electron module)', () => {
  it('asks before setting aside a job database that cannot be opened, keeps it, and starts instead of exiting', async () => {
    const noise = randomBytes(8192);
    let folder = '';
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' }, async (userData) => {
      folder = userData;
      await writeFile(path.join(userData, 'jobs.sqlite'), noise);
    });
    expect(report.messageBoxes).toEqual([
      {
        message: 'Reelbench cannot open jobs.sqlite, which holds your generation jobs.',
        detail: expect.stringContaining('nothing is deleted'),
        buttons: ['Keep it aside and start', 'Quit'],
      },
    ]);
    expect(report.loadedUrl).toBe('app://reelbench/index.html');
    const aside = (await readdir(folder)).find((name) => name.startsWith('jobs.sqlite.damaged-'));
    await expect(readFile(path.join(folder, aside ?? 'missing'))).resolves.toEqual(noise);
  });

  it('registers the app scheme and the single-instance lock before the app is ready', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    const order = report.callOrder;
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('app.ready'));
    expect(order.indexOf('app.requestSingleInstanceLock')).toBeLessThan(order.indexOf('app.ready'));
    expect(order.indexOf('ipcMain.handle')).toBeLessThan(order.indexOf('BrowserWindow.loadURL'));
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('creates the window with the security checklist and the built preload, loading app://', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(report.webPreferences['preload']).toBe(BUILT.preload);
    expect(report.preloadExists).toBe(true);
    expect(report.loadedUrl).toBe('app://reelbench/index.html');
  });

  it('handles every contract channel, checking the sender frame and validating the payload', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.ipcChannels).toEqual(Object.keys(contract.invoke));
    expect(report.ipc.trusted.ok).toBe(true);
    expect(report.ipc.untrusted.error?.code).toBe('untrustedSender');
    expect(report.ipc.noFrame.error?.code).toBe('untrustedSender');
    expect(report.ipc.malformed.error?.code).toBe('invalidInput');
  });

  it('serves only the renderer folder over app://, denies permissions and contains navigation', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.protocol).toEqual({
      index: 200,
      escape: 404,
      otherHost: 404,
      unknownMedia: 404,
      mediaTraversal: 404,
    });
    // The policy travels as a header on every answer (the same one the page's meta tag states), with nosniff.
    const indexHtml = await readFile(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];
    expect(metaPolicy).toBe(CONTENT_SECURITY_POLICY);
    for (const headers of Object.values(report.protocolHeaders))
      expect(headers).toEqual({ csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff' });
    expect(report.permissions).toEqual({ media: false, geolocation: false, clipboardWrite: true, check: false });
    expect(report.navigation).toEqual({
      appPrevented: false,
      httpsPrevented: true,
      filePrevented: true,
      windowOpenHttps: { action: 'deny' },
      windowOpenFile: { action: 'deny' },
      webviewPrevented: true,
    });
    // https links (navigation, window.open, the Help menu) go to the browser; file: never does.
    expect(report.openedExternally).toEqual([
      'https://apimart.ai/pricing',
      'https://docs.apimart.ai/',
      'https://docs.apimart.ai/',
    ]);
  });

  it('sends menu navigation to the window, focuses on a second launch and saves the window bounds on close', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.menuLabels).toContain('Edit');
    expect(report.eventsSentToWindow.filter((event) => event.channel === 'app.navigate')).toEqual([
      { channel: 'app.navigate', payload: { view: 'settings' } },
    ]);
    expect(report.eventsSentToWindow.some((event) => event.channel === 'library.changed')).toBe(true);
    expect(report.focusedOnSecondInstance).toBe(true);
    expect(report.savedWindowState).toEqual({ x: 10, y: 20, width: 1111, height: 777, maximized: false });
  });

  it('gives the About panel the version from package.json', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    const { version } = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(report.aboutPanel).toMatchObject({
      applicationName: 'Reelbench',
      applicationVersion: version,
      copyright: expect.stringContaining('Reelbench'),
    });
    // Reachable from the menus: macOS's app menu, and Help elsewhere (the recorded template is this platform's).
    expect(report.aboutInMenu).toBe(true);
  });

  it('shows the native context menus the page asks for, and the edit menu in text fields', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.contextMenu.picked).toEqual({ ok: true, data: { chosen: 'trash' } });
    expect(report.contextMenu.dismissed).toEqual({ ok: true, data: { chosen: null } });
    expect(report.contextMenu.shown[0]).toEqual({
      hasWindow: true,
      labels: ['Show in folder', 'separator', 'Move to trash'],
    });
    expect(report.editMenus).toEqual({
      misspelt: [
        'video',
        'vide',
        'Add to Dictionary',
        'separator',
        'undo',
        'redo',
        'separator',
        'cut',
        'copy',
        'paste',
        'separator',
        'selectAll',
      ],
      selection: ['copy'],
      nothing: null,
    });
    expect(report.replacedMisspellings).toEqual(['video']);
  });

  it('drags a library video out of the window as its file, with an icon under the pointer', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.drag.answer).toEqual({ ok: true });
    expect(report.drag.drags).toEqual([{ file: report.drag.expected, iconEmpty: false }]);
  });

  it('opens the library in the Videos folder and answers library calls; a cancelled dialog moves nothing', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.libraryList).toEqual({ ok: true, data: { items: [], total: 0 } });
    expect(report.libraryMoveCancelled).toEqual({ ok: true, data: null });
    expect(report.dialogShown).toBe(true);
  });

  it('runs jobs from the window: a job that fails while the window is in the background shows an OS notification and clears the progress bar', async () => {
    const report = await startShell({ FAKE_ELECTRON_PACKAGED: '1' });
    expect(report.jobEnqueued).toBe(true);
    expect(report.notifications).toEqual(['Generation failed']);
    expect(report.progressBar).toBe(-1);
    expect(report.eventsSentToWindow.some((event) => event.channel === 'jobs.changed')).toBe(true);
  });

  it('speaks the OS language (Korean here) in its menus, dialogs and notifications, from the window catalogs', async () => {
    const ko = translator('ko');
    const report = await startShell(
      { FAKE_ELECTRON_PACKAGED: '1', FAKE_ELECTRON_LANGUAGES: 'ko-KR,en-US' },
      (userData) => writeFile(path.join(userData, 'jobs.sqlite'), randomBytes(8192)),
    );
    expect(report.menuLabels).toEqual(expect.arrayContaining([ko.t('menu.edit'), ko.t('menu.view')]));
    expect(report.menuLabels).not.toContain('Edit');
    expect(report.messageBoxes[0]?.buttons).toEqual([ko.t('dialog.damaged.keep'), ko.t('dialog.damaged.quit')]);
    expect(report.notifications).toEqual([ko.t('notify.failed.title')]);
  });

  it('loads and trusts the dev server only when not packaged', async () => {
    const dev = await startShell({ FAKE_ELECTRON_PACKAGED: '0', ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(dev.loadedUrl).toBe('http://localhost:5173');
    const packaged = await startShell({ FAKE_ELECTRON_PACKAGED: '1', ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(packaged.loadedUrl).toBe('app://reelbench/index.html');
  });
});
