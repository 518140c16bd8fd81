import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { resolveAppPaths } from '../../../electron/services/app-paths';
import type { EventEmitter } from '../../../electron/services/ipc/event-emitter';
import { randomBytes } from 'node:crypto';
import { createTrustedSenderCheck } from '../../../electron/services/ipc/trusted-sender';
import { createKeyStore, type KeyStore, type KeytarLike } from '../../../electron/services/keychain/key-store';
import { loadKeytar } from '../../../electron/services/keychain/load-keytar';
import { createFileLogger, createRedactor } from '../../../electron/services/logging/logger';
import { composeServices, type Services } from '../../../electron/services/compose-services';
import { serveMedia } from '../../../electron/services/library/media-route';
import { openSettingsStore } from '../../../electron/services/settings/settings-store';
import type { Language } from '../../../shared/i18n/languages';
import { BUILT, requireBuild } from '../../support/build-output';
import { pageBridgeScript } from './page-bridge-bundle';
import { createTestDesktop, testLibraryRoot, type TestDesktop } from '../../support/test-library-host';
import type { LibraryHost } from '../../../electron/services/library/library-host';
import { serveFolder, type StaticServer } from './static-server';

/** Debian's Chromium; the test tools never download a browser of their own. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Checked when a test file loads this harness: without a browser the file fails once, saying why, instead of
// every test failing and every afterEach tripping over an app that never started.
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The e2e tests need Chromium at ${CHROMIUM}, and it is not there. Install it (Debian/Ubuntu: sudo apt install chromium) or point CHROMIUM_PATH at one.`,
  );
}

// The flags this workplace's closed network needs, or Chromium retries blocked connections at every start.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built app in Chromium, backed by the real main-process services over the IPC contract. */
export interface AppHarness {
  readonly page: Page;
  readonly services: Services;
  readonly events: EventEmitter;
  readonly dataDir: string;
  readonly keyStore: KeyStore;
  readonly library: LibraryHost;
  readonly desktop: TestDesktop;
  /** The library folder. */
  readonly libraryRoot: string;
  /** Every IPC answer and event the page received, serialized, in order (for leak checks). */
  readonly ipcTraffic: string[];
  /** Console errors and CSP violations the page reported. */
  readonly pageErrors: string[];
  /** Sends a raw message on the binding, bypassing the typed bridge (for hostile-input tests). */
  rawInvoke(channel: string, payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

async function identity() {
  const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };
  return {
    name: manifest.productName,
    version: manifest.version,
    platform: process.platform,
    arch: process.arch,
    electronVersion: null,
    chromeVersion: null,
  };
}

let browser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browser;
}

/** Closes the browser shared by a test file's harnesses. */
export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

/** How a test app starts. */
export interface LaunchOptions {
  /** The APIMart the app talks to (a fake on loopback). */
  readonly apiBaseUrl?: string;
  /** Runs before the library opens, with its folder: put videos there to start with. */
  readonly beforeOpen?: (libraryRoot: string) => Promise<void>;
  /** Polling floor and ceiling for jobs (a fast fake server needs fast polling). */
  readonly pollMs?: number;
  /** Runs before the settings are read, with the data folder: put a settings.json there to start with. */
  readonly beforeSettings?: (dataDir: string) => Promise<void>;
  /** The window's language from the first frame, as if chosen in Settings. */
  readonly language?: Language;
  /** How keytar is loaded: the real module unless a test plays a broken install. */
  readonly loadKeytar?: () => Promise<KeytarLike>;
}

/**
 * Starts a fresh app: its own data folder, its own services, a new browser context. The key store is the real
 * keychain under a service name of its own, so tests never see each other's (or a developer's) key.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<AppHarness> {
  requireBuild();
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-'));
  const dataDir = path.join(tempDir, 'data');
  const paths = resolveAppPaths(dataDir);
  // The server is needed for the media URLs the library hands out, and the library for the server's media route.
  const opened: { library?: LibraryHost } = {};
  const server: StaticServer = await serveFolder(BUILT.rendererDir, (pathname, range) =>
    serveMedia(pathname, range, async (kind, id) => (await opened.library?.current().mediaFile(kind, id)) ?? null),
  );
  const keyStore = createKeyStore({
    loadKeytar: options.loadKeytar ?? loadKeytar,
    env: {},
    service: `Reelbench-e2e-${randomBytes(6).toString('hex')}`,
  });
  const logger = createFileLogger(
    paths.logFile,
    createRedactor(() => keyStore.secretsForRedaction()),
  );
  await options.beforeSettings?.(dataDir);
  const settings = await openSettingsStore(paths.settingsFile, logger);
  if (options.apiBaseUrl) await settings.update({ apiBaseUrl: options.apiBaseUrl });
  if (options.language) await settings.update({ language: options.language });
  const desktop = createTestDesktop();
  const libraryRoot = testLibraryRoot(paths);
  // Events reach the page once it exists; what happens before (the first reconcile) it reads for itself.
  let deliver: (event: string, payload: unknown) => void = () => undefined;
  const services = composeServices({
    paths,
    logger,
    keyStore,
    settings,
    fetch: (url, init) => fetch(url, init),
    library: {
      defaultRoot: libraryRoot,
      appVersion: 'test',
      mediaUrl: (kind, id) => `${server.origin}/media/${kind}/${id}`,
      trash: (file) => rm(file, { force: true }),
      // Like the app, minus the folder watcher: what reaches the grid here comes from the library's own events.
      watch: false,
    },
    jobs: options.pollMs ? { pollFloorMs: options.pollMs, pollCeilingMs: options.pollMs * 5 } : {},
    window: {
      identity: await identity(),
      isTrustedSender: createTrustedSenderCheck([server.origin]),
      desktop,
      sink: (event, payload) => deliver(event, payload),
    },
  });
  const { library } = services;
  opened.library = library;
  await options.beforeOpen?.(libraryRoot);
  await library.open();
  const ipcTraffic: string[] = [];

  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // Answers and events cross as JSON text, parsed in the page: a string is one cheap value for Playwright's protocol,
  // where an object would be rebuilt there from a script as large as the answer (a 30–50 ms task for a page of the
  // library grid, which Electron's IPC does not cost: its structured clone is closer to JSON.parse).
  // Closing the page does not stop what it already asked for: close waits for these before the folder goes, or a
  // late answer (a store opened lazily, an image written) would make the folder again after it was removed.
  const inFlight = new Set<Promise<unknown>>();
  await page.exposeBinding('__reelbenchInvoke', async (source, channel: string, payload: unknown) => {
    const dispatched = services.router.dispatch(channel, payload, { senderUrl: source.frame.url() });
    inFlight.add(dispatched);
    const answer = await dispatched.finally(() => inFlight.delete(dispatched));
    const text = JSON.stringify(answer);
    ipcTraffic.push(JSON.stringify({ channel, answer }));
    return text;
  });
  await page.addInitScript({ content: await pageBridgeScript() });

  deliver = (event, payload) => {
    ipcTraffic.push(JSON.stringify({ event, payload }));
    // A page reloading (a language switch) or closing misses the event, as webContents.send to it would.
    page
      .evaluate(
        ([name, body]) =>
          (globalThis as unknown as { __reelbenchDeliver(event: string, payload: string): void }).__reelbenchDeliver(
            name,
            body,
          ),
        [event, JSON.stringify(payload)] as const,
      )
      .catch(() => undefined);
  };
  const events = services.toWindow;
  if (!events) throw new Error('the harness always has a window');
  services.jobs.start();
  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    services,
    events,
    dataDir,
    keyStore,
    library,
    desktop,
    libraryRoot,
    ipcTraffic,
    pageErrors,
    rawInvoke: async (channel, payload) =>
      JSON.parse(
        await page.evaluate(
          ([name, body]) =>
            (globalThis as unknown as { __reelbenchInvoke(c: string, p: unknown): Promise<string> }).__reelbenchInvoke(
              name,
              body,
            ),
          [channel, payload] as const,
        ),
      ) as unknown,
    close: async () => {
      await keyStore.clear().catch(() => undefined);
      // The page first: nothing it still asks for (a preview, a poster) can write into the folder being removed.
      await context.close();
      await Promise.allSettled([...inFlight]);
      await services.close();
      await server.close();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
