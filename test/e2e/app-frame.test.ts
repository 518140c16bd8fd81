import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;

beforeEach(async () => {
  app = await launchApp();
});
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

describe('app frame', () => {
  it('renders the frame and shows app.info from the main-side router', async () => {
    const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    const { page } = app;
    await page.getByTestId('app-frame').waitFor();
    await expect(page.getByTestId('brand').textContent()).resolves.toBe('Reelbench');
    const info = page.getByTestId('app-info');
    await info.waitFor();
    expect(await info.textContent()).toBe(`Reelbench ${manifest.version} · ${process.platform} ${process.arch}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Workbench');

    await mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'app-frame.png') });
    // The strict CSP must not block any of the app's own assets.
    expect(app.pageErrors).toEqual([]);
  });

  it('follows navigation events sent by the main process (the app menu)', async () => {
    const { page } = app;
    await page.getByTestId('app-info').waitFor();
    app.events.emit('app.navigate', { view: 'library' });
    await page.getByTestId('view-library').waitFor();
    await expect(page.getByTestId('nav-library').getAttribute('aria-current')).resolves.toBe('page');
  });

  it('navigates by keyboard: Tab to a view and press Enter', async () => {
    const { page } = app;
    await page.getByTestId('app-info').waitFor();
    await page.getByTestId('nav-settings').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('view-settings').waitFor();
  });

  it('rejects a malformed payload and an unknown channel coming from the page', async () => {
    await app.page.getByTestId('app-info').waitFor();
    const malformed = (await app.rawInvoke('app.info', { injected: '<script>' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    const unknown = (await app.rawInvoke('fs.readFile', '/etc/passwd')) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknownChannel' } });
  });

  it('does not let the page replace window.reelbench', async () => {
    await app.page.getByTestId('app-info').waitFor();
    const replaced = await app.page.evaluate(() => {
      try {
        (globalThis as unknown as { reelbench: unknown }).reelbench = { app: { info: () => 'hijacked' } };
      } catch {
        // Strict-mode pages throw; sloppy ones ignore the write. Either way the bridge must survive.
      }
      const target = globalThis as unknown as { reelbench: { app: { info: unknown } } };
      return typeof target.reelbench.app.info === 'function' && Object.isFrozen(target.reelbench);
    });
    expect(replaced).toBe(true);
  });
});
