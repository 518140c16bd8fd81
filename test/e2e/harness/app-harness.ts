import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { resolveAppPaths } from '../../../electron/services/app-paths';
import { createEventEmitter, type EventEmitter } from '../../../electron/services/ipc/event-emitter';
import { createTrustedSenderCheck } from '../../../electron/services/ipc/trusted-sender';
import { createFileLogger, createRedactor } from '../../../electron/services/logging/logger';
import { createMainServices, type MainServices } from '../../../electron/services/main-services';
import { BUILT, requireBuild } from '../../support/build-output';
import { pageBridgeScript } from './page-bridge-bundle';
import { serveFolder, type StaticServer } from './static-server';

/** Debian's Chromium; the test tools never download a browser of their own. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

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
  readonly services: MainServices;
  readonly events: EventEmitter;
  readonly dataDir: string;
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

/** Starts a fresh app: its own data folder, its own services, a new browser context. */
export async function launchApp(): Promise<AppHarness> {
  requireBuild();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-'));
  const server: StaticServer = await serveFolder(BUILT.rendererDir);
  const paths = resolveAppPaths(dataDir);
  const services = createMainServices({
    identity: await identity(),
    isTrustedSender: createTrustedSenderCheck([server.origin]),
    logger: createFileLogger(paths.logFile, createRedactor(() => [])),
  });

  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.exposeBinding('__reelbenchInvoke', (source, channel: string, payload: unknown) =>
    services.router.dispatch(channel, payload, { senderUrl: source.frame.url() }),
  );
  await page.addInitScript({ content: await pageBridgeScript() });

  const events = createEventEmitter((event, payload) => {
    void page.evaluate(
      ([name, body]) => (globalThis as unknown as { __reelbenchDeliver(event: string, payload: unknown): void }).__reelbenchDeliver(name, body),
      [event, payload] as const,
    );
  });

  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    services,
    events,
    dataDir,
    pageErrors,
    rawInvoke: (channel, payload) =>
      page.evaluate(
        ([name, body]) => (globalThis as unknown as { __reelbenchInvoke(c: string, p: unknown): Promise<unknown> }).__reelbenchInvoke(name, body),
        [channel, payload] as const,
      ),
    close: async () => {
      await context.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
