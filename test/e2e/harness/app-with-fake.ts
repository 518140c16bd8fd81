import { afterAll, afterEach } from 'vitest';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../../fake-apimart/fake-server.ts';
import { closeBrowser, launchApp, type AppHarness, type LaunchOptions } from './app-harness';

/** The window against a fake APIMart with the key set, closed after each test (and the browser after the file). */
export interface AppWithFake {
  readonly app: AppHarness;
  readonly fake: FakeApimart;
  start(fake?: FakeApimartOptions, launch?: LaunchOptions): Promise<void>;
}

/** Registers the hooks that close what `start` opens; call once at the top of a test file. */
export function appWithFake(): AppWithFake {
  let held: { app: AppHarness; fake: FakeApimart } | null = null;
  afterEach(async () => {
    await held?.app.close();
    await held?.fake.close();
    held = null;
  });
  afterAll(closeBrowser);
  const opened = () => {
    if (!held) throw new Error('start() first');
    return held;
  };
  return {
    get app() {
      return opened().app;
    },
    get fake() {
      return opened().fake;
    },
    async start(fakeOptions = {}, launch = {}) {
      const fake = await startFakeApimart(fakeOptions);
      const app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30, ...launch });
      held = { app, fake };
      await app.keyStore.set(fake.apiKey);
    },
  };
}
