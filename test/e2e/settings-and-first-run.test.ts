import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { translator } from '../../shared/i18n/translator';
import { keychainGate } from '../support/keychain-probe';
import { chooseInMenu } from './harness/controls';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
afterEach(async () => {
  await app.close();
  await fake.close();
});
afterAll(closeBrowser);

async function shot(name: string): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await app.page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

describe.skipIf(gate.skip)('first run and settings', () => {
  it('guides a first run to a working key, showing only its last four characters', async () => {
    fake = await startFakeApimart({ balance: 12.5 });
    app = await launchApp({ apiBaseUrl: fake.baseUrl });
    const { page } = app;
    await page.getByTestId('first-run').waitFor();
    await shot('first-run-en-light');

    await page.getByRole('button', { name: 'Open Settings' }).click();
    await page.getByTestId('view-settings').waitFor();
    await expect(page.getByTestId('key-state').textContent()).resolves.toBe('No key set');
    await page.getByTestId('key-input').fill(fake.apiKey);
    await page.getByTestId('key-save').click();
    await page.getByText(`Set, ends in ${fake.apiKey.slice(-4)}`).waitFor();
    await expect(page.getByTestId('key-input').inputValue()).resolves.toBe('');
    await page.getByTestId('key-test').click();
    await page.getByText('The key works. Balance: 12.5.').waitFor();
    await shot('settings-en-light');
    expect(await page.content()).not.toContain(fake.apiKey);

    await page.getByTestId('nav-workbench').click();
    await page.getByTestId('view-workbench').waitFor();
    await expect(page.getByTestId('first-run').count()).resolves.toBe(0);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('key-clear').click();
    await page.getByText('No key set').waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('says what went wrong with a bad key, in words', async () => {
    fake = await startFakeApimart();
    app = await launchApp({ apiBaseUrl: fake.baseUrl });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('key-input').fill('sk with spaces');
    await page.getByTestId('key-save').click();
    await page.getByText('An API key has no spaces or line breaks inside; check what was pasted.').waitFor();
    await page.getByTestId('key-input').fill('sk-not-the-right-key-0000');
    await page.getByTestId('key-save').click();
    await page.getByText('Set, ends in 0000').waitFor();
    await page.getByTestId('key-test').click();
    await page.getByText('This key was rejected by APIMart.', { exact: false }).waitFor();
  });

  it("says in the window's language (Korean here) that a key was rejected, with the next step", async () => {
    const ko = translator('ko');
    fake = await startFakeApimart();
    app = await launchApp({ apiBaseUrl: fake.baseUrl, language: 'ko' });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('key-input').fill('sk-not-the-right-key-0000');
    await page.getByTestId('key-save').click();
    await page.getByTestId('key-test').click();
    await page.getByText(ko.t('error.auth'), { exact: false }).waitFor();
    // Said beside the Test button, not in a toast across the window.
    await expect(page.getByTestId('key-result').textContent()).resolves.toContain(ko.t('error.auth.action'));
    await expect(page.getByTestId('key-result').textContent()).resolves.not.toContain('rejected');
    await expect(page.getByTestId('key-result').getAttribute('role')).resolves.toBe('alert');
    await shot('settings-wrong-key-ko-light');
  });

  it('says in the key section, in one line with the fix, when the keychain module is missing', async () => {
    fake = await startFakeApimart();
    app = await launchApp({
      apiBaseUrl: fake.baseUrl,
      loadKeytar: async () => {
        throw new Error("Cannot find module '../build/Release/keytar.node'");
      },
    });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const state = page.getByTestId('key-state');
    await page.getByText('The keychain module (keytar) is missing', { exact: false }).waitFor();
    await expect(state.textContent()).resolves.toBe(
      'The keychain module (keytar) is missing or built for another version: run npm rebuild keytar in the Reelbench folder (or reinstall Reelbench), then restart.',
    );
    await expect(state.locator('code').textContent()).resolves.toBe('npm rebuild keytar');
    // Nothing can be saved without the module: the form is off rather than failing.
    await expect(page.getByTestId('key-input').isDisabled()).resolves.toBe(true);
    await expect(state.getAttribute('role')).resolves.toBe('alert');
    // The rest of Settings still loaded: only the key is affected.
    await expect(page.getByTestId('settings-notice').count()).resolves.toBe(0);
    await shot('settings-keytar-missing-en-light');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('settings-keytar-missing-en-light-1920');
  });

  it('tells the user when settings.json was damaged, what was reset and where the copy is', async () => {
    fake = await startFakeApimart();
    app = await launchApp({
      beforeSettings: async (dataDir) => {
        await mkdir(dataDir, { recursive: true });
        await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ concurrency: 'lots', theme: 'dark' }));
      },
    });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    const notice = page.getByTestId('settings-file-problems');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(
      'reset to their defaults: jobs at once; the others were kept. A copy of the file was kept as',
    );
    await shot('settings-damaged-file-en-dark');
  });

  it('switches to Korean and to the dark theme, and remembers both', async () => {
    fake = await startFakeApimart();
    app = await launchApp({ apiBaseUrl: fake.baseUrl });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    await chooseInMenu(page, 'language', 'ko');
    await page.getByRole('heading', { level: 1, name: '설정' }).waitFor();
    await page.getByTestId('theme-dark').click();
    // A function, not a string: the page's CSP refuses to evaluate strings when Playwright has to poll.
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string | undefined> } } })
          .document.documentElement.dataset['theme'] === 'dark',
    );
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('ko');
    await shot('settings-ko-dark');
    await page.getByTestId('nav-workbench').click();
    await page.getByTestId('first-run').waitFor();
    await shot('first-run-ko-dark');
    await expect(
      app.services.router.dispatch('settings.get', undefined, { senderUrl: page.url() }),
    ).resolves.toMatchObject({ ok: true, data: { language: 'ko', theme: 'dark' } });

    // Offline: the banner says what still works.
    await page.context().setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await expect(page.getByTestId('offline-banner').textContent()).resolves.toContain('오프라인');
    await shot('offline-ko-dark');
    await page.context().setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
  });
});
