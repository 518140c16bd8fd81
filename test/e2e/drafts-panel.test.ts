import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

describe('drafts in the workbench (no network, no key)', () => {
  it('switches, searches, deletes with undo, versions, applies a preset and plans and queues a batch', async () => {
    app = await launchApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { page } = app;
    const prompt = page.getByTestId('prompt');
    await prompt.fill('A red fox in snow');
    await page.getByTestId('draft-new').click();
    await expect.poll(() => prompt.inputValue()).toBe('');
    await page.locator('[data-testid="draft-item"]', { hasText: 'Untitled draft' }).waitFor();
    await prompt.fill('A whale under the ice');
    await page.locator('[data-testid="draft-item"]', { hasText: 'A red fox in snow' }).click();
    await expect.poll(() => prompt.inputValue()).toBe('A red fox in snow');

    await page.getByRole('searchbox', { name: 'Search drafts' }).fill('whale');
    await page.locator('[data-testid="draft-item"]', { hasText: 'A red fox' }).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('draft-item').count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search drafts' }).fill('');
    await page.locator('[data-testid="draft-item"]', { hasText: 'A whale' }).waitFor();

    const whale = page.locator('li', { hasText: 'A whale under the ice' });
    await whale.getByTestId('draft-delete').click();
    await page.getByTestId('draft-undo').waitFor();
    await page.locator('[data-testid="draft-item"]', { hasText: 'A whale' }).waitFor({ state: 'detached' });
    await page.getByTestId('draft-undo').click();
    await page.locator('[data-testid="draft-item"]', { hasText: 'A whale' }).waitFor();

    // A draft's context menu offers what its buttons do: pin it from there.
    app.desktop.nextMenuChoice = 'pin';
    await page.locator('li', { hasText: 'A whale under the ice' }).click({ button: 'right' });
    await page.locator('[data-testid="draft-item"]:has([aria-label="Pinned"])', { hasText: 'A whale' }).waitFor();
    expect(app.desktop.menus.at(-1)?.map((entry) => ('id' in entry ? entry.label : '—'))).toEqual([
      'Open',
      'Pin',
      'Duplicate',
      '—',
      'Delete',
    ]);

    await page.getByTestId('save-version').click();
    await prompt.fill('A red fox in deep snow at night');
    await page.waitForTimeout(500);
    await page.getByText('Versions (1)').click();
    await page.getByTestId('compare-version').click();
    const diff = page.getByTestId('prompt-diff');
    await diff.waitFor();
    expect(
      (await diff.locator('ins').evaluateAll((nodes) => nodes.map((node) => node.lastChild?.textContent ?? '')))
        .join('|')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toMatch(/^deep ?\| ?at night$/);
    expect(await diff.locator('ins .visually-hidden').first().textContent()).toBe('[added] ');
    expect(await diff.locator('del').count()).toBe(0);
    await mkdir(RESULTS, { recursive: true });
    await diff.screenshot({ path: path.join(RESULTS, 'drafts-version-diff-en-light.png') });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="prompt-diff"]').analyze();
    expect(
      violations.filter((entry) => entry.impact === 'serious' || entry.impact === 'critical').map((entry) => entry.id),
    ).toEqual([]);
    await page.getByTestId('versions').getByRole('button', { name: 'Restore' }).click();
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }
        ).document.querySelector('[data-testid="prompt"]')?.value === 'A red fox in snow',
    );

    await page.getByTestId('preset').click();
    await page.getByRole('menuitemradio', { name: 'Vertical short' }).click();
    await page.waitForFunction(() =>
      (
        (
          globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }
        ).document.querySelector('[data-testid="prompt"]')?.value ?? ''
      ).includes('Vertical framing'),
    );
    await expect.poll(() => page.getByTestId('aspect-9:16').isChecked()).toBe(true);

    await page.getByText('Batch', { exact: true }).click();
    await page.getByTestId('batch-lines').fill('first idea\nsecond idea\nthird idea');
    await page.getByTestId('batch-plan').click();
    await page.getByText(/^3 jobs, 15 s in all, about 1\.0/).waitFor();
    await page.getByTestId('batch-run').click();
    await page.getByText('3 jobs queued.').waitFor();
    const jobs = await app.services.router.dispatch('jobs.list', undefined, { senderUrl: page.url() });
    expect(jobs).toMatchObject({
      ok: true,
      data: expect.arrayContaining([
        expect.objectContaining({
          request: expect.objectContaining({
            prompt: 'second idea',
            model: 'kling-v3',
            params: { duration: 5, aspect_ratio: '9:16', mode: 'std' },
          }),
        }),
      ]),
    });
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'workbench-drafts-en-light.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
