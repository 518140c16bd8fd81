import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_VIDEO } from '../support/library-setup';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

async function withVideos(names: string[]): Promise<AppHarness> {
  return launchApp({
    beforeOpen: async (root) => {
      await mkdir(root, { recursive: true });
      for (const name of names) await copyFile(SAMPLE_VIDEO, path.join(root, `${name}.mp4`));
    },
  });
}

describe('the library view', () => {
  it('says, above the grid, that a damaged catalog was set aside and rebuilt, with every video still there', async () => {
    app = await launchApp({
      beforeOpen: async (root) => {
        await mkdir(root, { recursive: true });
        for (const name of ['Harbour at dawn', 'Snow on the pines'])
          await copyFile(SAMPLE_VIDEO, path.join(root, `${name}.mp4`));
        // The catalog (data/library/catalog.sqlite beside the Videos folder in the harness) is noise.
        const catalog = path.join(root, '..', '..', 'data', 'library', 'catalog.sqlite');
        await mkdir(path.dirname(catalog), { recursive: true });
        await writeFile(catalog, randomBytes(32 * 1024));
      },
    });
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-problems').waitFor();
    await expect(page.getByTestId('library-problems').textContent()).resolves.toContain(
      'was damaged. It was set aside as',
    );
    await page.locator('[data-testid="library-card"]').nth(1).waitFor();
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'library-catalog-repaired-en-light.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(RESULTS, 'library-catalog-repaired-en-light-1920.png') });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('library-problems').count()).resolves.toBe(0);
  });

  it('lists a video whose sidecar is damaged, with a badge on its card and the way out in its details', async () => {
    app = await launchApp({
      beforeOpen: async (root) => {
        await mkdir(root, { recursive: true });
        for (const name of ['Harbour at dawn', 'Snow on the pines'])
          await copyFile(SAMPLE_VIDEO, path.join(root, `${name}.mp4`));
        await writeFile(path.join(root, 'Harbour at dawn.reelbench.json'), '{"schema": "reelbench.video/1", "title": ');
      },
    });
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.locator('[data-testid="library-card"]').nth(1).waitFor();
    await expect.poll(() => page.getByTestId('card-damaged').count()).toBe(1);
    const flagged = page.locator('[data-testid="library-card"]', { has: page.getByTestId('card-damaged') });
    await expect(flagged.textContent()).resolves.toContain('Harbour at dawn');
    await flagged.click();
    await expect(page.getByTestId('detail-damaged').textContent()).resolves.toContain(
      'kept it aside, untouched, as Harbour at dawn.reelbench.damaged-',
    );
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'library-sidecar-damaged-1280.png') });
    const kept = (await readdir(app.libraryRoot)).filter((name) => name.includes('.reelbench.damaged-'));
    expect(kept).toHaveLength(1);
  });

  it('shows posters, searches, opens a video that plays, and saves a favorite to the sidecar', async () => {
    app = await withVideos(['Sunset over the bay', 'City at night', 'Forest rain']);
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.locator('[data-testid="library-card"]').nth(2).waitFor();
    await page.locator('[data-testid="library-card"] img').nth(2).waitFor({ timeout: 20_000 }); // posters backfilled
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'library-en-light.png') });

    await page.getByTestId('library-search').fill('city');
    await page.getByText('1 video', { exact: true }).waitFor();
    await page.getByTestId('library-card').first().click();
    await page.getByTestId('library-detail').waitFor();
    const playable = await page.evaluate(`new Promise((resolve) => {
      const video = document.querySelector('[data-testid="library-player"]');
      if (video.readyState >= 1) resolve(video.duration);
      else video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
    })`);
    expect(Math.round(Number(playable))).toBe(2);

    await page.getByTestId('library-favorite').click();
    await page.locator('[data-testid="library-favorite"][aria-pressed="true"]').waitFor();
    const sidecarName =
      (await readdir(app.libraryRoot)).find((name) => name.startsWith('City at night') && name.endsWith('.json')) ?? '';
    const sidecar = JSON.parse(await readFile(path.join(app.libraryRoot, sidecarName), 'utf8')) as {
      user: { favorite: boolean };
    };
    expect(sidecar.user.favorite).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'library-detail-en-light.png') });

    await page.getByTestId('library-search').fill('');
    await page.getByTestId('library-favorites').check();
    await page.getByText('1 video', { exact: true }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('offers a native context menu on a video and drags the video file out of the window', async () => {
    app = await withVideos(['Harbor at dawn']);
    const { page } = app;
    await page.getByTestId('nav-library').click();
    const card = page.getByTestId('library-card').first();
    await card.waitFor();

    app.desktop.nextMenuChoice = 'favorite';
    await card.click({ button: 'right' });
    await page.getByTestId('library-card').filter({ hasText: '★ Harbor at dawn' }).waitFor();
    expect(app.desktop.menus[0]).toEqual([
      { id: 'open', label: 'Open' },
      { id: 'reveal', label: 'Show in folder' },
      { id: 'export', label: 'Export…' },
      { id: 'compare', label: 'Add to comparison' },
      { separator: true },
      { id: 'favorite', label: 'Favorite' },
      { separator: true },
      { id: 'remove', label: 'Move to trash' },
    ]);

    app.desktop.nextMenuChoice = 'reveal';
    await card.focus();
    await page.keyboard.press('Shift+F10'); // the keyboard's way to a context menu
    await expect.poll(() => app.desktop.revealed).toEqual([path.join(app.libraryRoot, 'Harbor at dawn.mp4')]);
    expect(app.desktop.menus[1]?.find((entry) => 'id' in entry && entry.id === 'favorite')).toEqual({
      id: 'favorite',
      label: 'Remove from favorites',
    });

    app.desktop.nextMenuChoice = null; // dismissed: nothing happens
    await card.click({ button: 'right' });
    await expect.poll(() => app.desktop.menus.length).toBe(3);

    await card.dispatchEvent('dragstart');
    await expect.poll(() => app.desktop.dragged).toEqual([path.join(app.libraryRoot, 'Harbor at dawn.mp4')]);
    expect(app.pageErrors).toEqual([]);
  });

  it('moves a video to the trash with an Undo that brings it back, fields and all (also Ctrl+Z)', async () => {
    app = await withVideos(['Keep me', 'Maybe not']);
    const { page } = app;
    await page.getByTestId('nav-library').click();
    await page.getByText('2 videos', { exact: true }).waitFor();
    await page.getByTestId('library-card').filter({ hasText: 'Maybe not' }).click();
    await page.getByTestId('library-favorite').click();
    await page.locator('[data-testid="library-favorite"][aria-pressed="true"]').waitFor();

    await page.getByTestId('library-remove').click();
    await page.getByTestId('library-removed').getByText('“Maybe not” moved to the trash.').waitFor();
    await page.getByText('1 video', { exact: true }).waitFor();
    expect((await readdir(app.libraryRoot)).filter((name) => name.startsWith('Maybe not'))).toEqual([]);
    await mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'library-removed-undo-en-light.png') });

    await page.getByTestId('library-undo-remove').click();
    await page.getByText('2 videos', { exact: true }).waitFor();
    await page.getByTestId('library-detail').getByRole('textbox').first().waitFor();
    expect(await page.getByTestId('library-detail').getAttribute('aria-label')).toBe('Maybe not');
    await page.locator('[data-testid="library-favorite"][aria-pressed="true"]').waitFor();

    await page.getByTestId('library-remove').click();
    await page.getByText('1 video', { exact: true }).waitFor();
    await page.getByTestId('library-grid').focus();
    await page.keyboard.press('Control+z');
    await page.getByText('2 videos', { exact: true }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
