import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { translator, type Language } from '../../shared/i18n/translator';
import { keychainGate } from '../support/keychain-probe';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
let fake: FakeApimart;
let ticker: NodeJS.Timeout;
afterEach(async () => {
  clearInterval(ticker);
  await app.close();
  await fake.close();
});
afterAll(closeBrowser);

async function start(language?: Language): Promise<void> {
  fake = await startFakeApimart({ estimatedSeconds: 120 });
  ticker = setInterval(() => fake.clock.advance(1_000), 20);
  app = await launchApp({ apiBaseUrl: fake.baseUrl, pollMs: 30, ...(language ? { language } : {}) });
  await app.keyStore.set(fake.apiKey);
  await app.page.getByTestId('app-info').waitFor();
}

const enqueue = (prompt: string) =>
  app.page.evaluate(
    `window.reelbench.jobs.enqueue(${JSON.stringify({ prompt, model: 'sora-2-preview', params: { duration: 4, aspect_ratio: 'landscape' } })})`,
  );

describe.skipIf(gate.skip)('the queue', () => {
  it('shows a job live, from generating to done, then leads to the library', async () => {
    await start();
    await enqueue('A hot air balloon over a misty valley');
    await app.page.getByTestId('nav-queue').click();
    await app.page.locator('[data-testid="job-row"][data-phase="polling"] [data-testid="job-progress"]').waitFor();
    await mkdir(RESULTS, { recursive: true });
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-en-light.png') });
    await app.page.locator('[data-testid="job-row"][data-phase="done"]').waitFor({ timeout: 20_000 });
    expect(app.library.current().list({}).items).toMatchObject([{ prompt: 'A hot air balloon over a misty valley' }]);
    await app.page.getByRole('button', { name: 'Show in library' }).click();
    await app.page.getByTestId('view-library').waitFor();
    // With that video open beside the grid.
    const [filed] = app.library.current().list({}).items;
    await app.page.getByTestId('library-detail').waitFor();
    await expect(app.page.getByTestId('library-detail').getAttribute('aria-label')).resolves.toBe(filed?.title);
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-show-in-library-en-light.png') });
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-show-in-library-en-light-1920.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('waits for the network when APIMart cannot be reached, and carries on the moment the OS is back online', async () => {
    await start();
    fake.inject('task', { kind: 'drop' }, 6); // every poll attempt of the first round breaks off
    await enqueue('through a bad connection');
    await app.page.getByTestId('nav-queue').click();
    const row = app.page.locator('[data-testid="job-row"]', { hasText: 'through a bad connection' });
    await row.getByText('Waiting for the network').waitFor({ timeout: 20_000 });
    await expect(row.getByRole('button', { name: 'Try again now' }).count()).resolves.toBe(1);
    // The next scheduled try is seconds away; the 'online' event wakes the job now.
    await app.page.context().setOffline(true);
    await app.page.context().setOffline(false);
    await app.page.locator('[data-testid="job-row"][data-phase="done"]').waitFor({ timeout: 4_000 });
    expect(fake.count('generate', 'POST')).toBe(1);
    expect(app.pageErrors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it("explains failures in the window's language (Korean here): a balance too low (402), a content-policy refusal, an expired link", async () => {
    const ko = translator('ko');
    await start('ko');
    await app.page.getByTestId('nav-queue').click();
    const errorOf = async (prompt: string) => {
      const row = app.page.locator('[data-testid="job-row"]', { hasText: prompt });
      await row.getByTestId('job-error').waitFor({ timeout: 20_000 });
      return (await row.getByTestId('job-error').textContent()) ?? '';
    };

    fake.inject('generate', { kind: 'status', status: 402, body: { error: { message: 'Insufficient balance' } } });
    await enqueue('too expensive');
    const broke = await errorOf('too expensive');
    expect(broke).toContain(ko.t('error.insufficientBalance'));
    expect(broke).toContain(ko.t('error.insufficientBalance.action'));
    fake.failNextTask('Rejected by the safety system');
    await enqueue('refused');
    expect(await errorOf('refused')).toContain(
      ko.t('error.contentPolicyBecause', { reason: 'Rejected by the safety system' }),
    );
    // The link answers 403, as an expired one does, every time it is asked.
    fake.inject('video', { kind: 'status', status: 403, body: 'link expired' }, 50);
    await enqueue('too late');
    const late = await errorOf('too late');
    expect(late).toContain(ko.t('error.expired'));
    expect(late).toContain(ko.t('error.expired.action'));
    for (const text of [broke, late]) expect(text).not.toMatch(/too low|has expired|Top up/);
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-failures-ko-light.png') });
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-failures-ko-light-1920.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('explains failures with the next step: a content-policy refusal, and a balance too low', async () => {
    await start();
    fake.failNextTask('Rejected by the safety system');
    await enqueue('refused');
    await app.page.getByTestId('nav-queue').click();
    const refused = app.page.locator('[data-testid="job-row"][data-phase="failed"]');
    await refused.waitFor({ timeout: 20_000 });
    await expect(refused.getByTestId('job-error').textContent()).resolves.toContain(
      'APIMart refused this under its content policy: Rejected by the safety system',
    );
    await expect(refused.getByRole('button', { name: 'Retry as a new job' }).count()).resolves.toBe(1);

    fake.inject('generate', { kind: 'status', status: 402, body: { error: { message: 'Insufficient balance' } } });
    await enqueue('too expensive');
    const broke = app.page.locator('[data-testid="job-row"]', { hasText: 'too expensive' });
    await broke.locator('[data-testid="job-error"]').waitFor({ timeout: 20_000 });
    await expect(broke.getByTestId('job-error').textContent()).resolves.toContain(
      'Your APIMart balance is too low for this.',
    );
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-failures-en-light.png') });
    // The same actions from the row's context menu: hide the refused job.
    app.desktop.nextMenuChoice = 'hide';
    const refusedRow = app.page.locator('[data-testid="job-row"]', { hasText: 'refused' });
    await refusedRow.click({ button: 'right' });
    await refusedRow.waitFor({ state: 'detached' });
    expect(app.desktop.menus.at(-1)).toEqual([
      { id: 'retry', label: 'Retry as a new job' },
      { id: 'copyPrompt', label: 'Copy prompt' },
      { id: 'hide', label: 'Hide' },
    ]);
    // A low balance is fixed at APIMart: the row links there (the shell opens it in the system browser).
    await expect(broke.getByRole('button', { name: 'Open Settings' }).count()).resolves.toBe(0);
    const context = app.page.context();
    await context.route('https://apimart.ai/**', (route) => route.fulfill({ body: 'APIMart' }));
    const [opened] = await Promise.all([context.waitForEvent('page'), broke.getByTestId('job-top-up').click()]);
    await opened.waitForURL('https://apimart.ai/');
    await opened.close();
  });

  it('cancelled while its billed request is out: says it stops once APIMart answers, then shows the charge', async () => {
    await start();
    fake.inject('generate', { kind: 'delay', ms: 2_500 });
    await enqueue('a cancel that cannot undo a charge');
    await app.page.getByTestId('nav-queue').click();
    const row = app.page.locator('[data-testid="job-row"]', { hasText: 'a cancel that cannot undo a charge' });
    await expect.poll(() => fake.count('generate', 'POST')).toBe(1);
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByText('Cancelling once APIMart answers').waitFor();
    await expect(row.getByRole('button', { name: 'Cancel' }).count()).resolves.toBe(0);
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-cancelling-en-light.png') });
    await app.page.locator('[data-testid="job-row"][data-phase="cancelled"]').waitFor({ timeout: 10_000 });
    await expect(row.textContent()).resolves.toContain('may still finish and be billed');
    await expect(row.locator('.job-meta').textContent()).resolves.toMatch(/4 s billed/);
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-cancelled-billed-en-light.png') });
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    await app.page.screenshot({ path: path.join(RESULTS, 'queue-cancelled-billed-en-light-1920.png') });
    expect(fake.tasks.size).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('a video filed while the library is open appears in its grid by itself (this harness has no folder watcher)', async () => {
    await start();
    await app.page.getByTestId('nav-library').click();
    await app.page.getByTestId('library-empty').waitFor();
    await enqueue('A kite over the dunes');
    const card = app.page.locator('[data-testid="library-card"]', { hasText: 'A kite over the dunes' });
    await card.waitFor({ timeout: 20_000 });
    await expect(app.page.locator('[data-testid="library-card"]').count()).resolves.toBe(1);
    await app.page.screenshot({ path: path.join(RESULTS, 'library-filed-live-en-light.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
