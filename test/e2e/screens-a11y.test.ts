import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_VIDEO } from '../support/library-setup';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
const SCREENS = ['workbench', 'queue', 'library', 'boards', 'settings'] as const;
let app: AppHarness;
afterEach(async () => {
  await app.close();
});
afterAll(closeBrowser);

describe('every screen, in light and dark, English and Korean', () => {
  it.each([
    ['en', 'light'],
    ['en', 'dark'],
    ['ko', 'light'],
    ['ko', 'dark'],
  ] as const)(
    '%s / %s: no serious or critical accessibility violations; screenshots saved',
    async (language, theme) => {
      app = await launchApp({
        beforeOpen: async (root) => {
          await mkdir(root, { recursive: true });
          await copyFile(SAMPLE_VIDEO, path.join(root, 'Harbour at dawn.mp4'));
        },
      });
      const { page } = app;
      await page.getByTestId('app-info').waitFor();
      const updated = await app.services.router.dispatch(
        'settings.update',
        { language, theme },
        { senderUrl: page.url() },
      );
      expect(updated).toMatchObject({ ok: true, data: { language, theme } });
      await page.reload();
      await page.getByTestId('app-info').waitFor();
      // The settings arrive after the first paint: wait until the page shows them.
      // A function, not a string: the page's CSP (rightly) refuses to evaluate strings.
      await page.waitForFunction(
        ([lang, mode]) => {
          const root = (
            globalThis as unknown as {
              document: { documentElement: { lang: string; dataset: Record<string, string | undefined> } };
            }
          ).document.documentElement;
          return root.lang === lang && root.dataset['theme'] === mode;
        },
        [language, theme] as const,
      );
      // A storyboard with two shots, one selected, for the storyboards screen.
      const board = app.services.boards.create({ title: 'Harbour at night' });
      app.services.boards.addShot(board.id);
      const shots = app.services.boards.addShot(board.id).shots;
      app.services.boards.updateShot(board.id, shots[0]?.id ?? '', { prompt: 'Boats rocking under the lamps' });
      await mkdir(RESULTS, { recursive: true });
      const problems: string[] = [];
      const check = async (screen: string) => {
        await page.screenshot({ path: path.join(RESULTS, `screen-${screen}-${language}-${theme}.png`) });
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const violation of violations.filter(
          (entry) => entry.impact === 'serious' || entry.impact === 'critical',
        )) {
          problems.push(
            `${screen}: ${violation.id} (${violation.impact}) — ${violation.help}: ${violation.nodes
              .map((node) => node.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        }
      };
      for (const screen of SCREENS) {
        await page.getByTestId(`nav-${screen}`).click();
        await page.getByTestId(`view-${screen}`).waitFor();
        if (screen === 'library') await page.getByTestId('library-card').first().waitFor();
        if (screen === 'boards') {
          await page.getByTestId('board-item').first().click();
          await page.getByTestId('shot-inspector').waitFor();
        }
        await check(screen);
      }
      // A character on the sheet, then "From a script" over the storyboards.
      app.services.boards.addCharacter(board.id, { name: 'Mara', description: 'Grey braid, navy coat.' });
      await page.getByTestId('nav-workbench').click();
      await page.getByTestId('nav-boards').click();
      await page.getByTestId('board-item').first().click();
      await page.getByTestId('character-chip').first().click();
      await page.getByTestId('character-inspector').waitFor();
      await check('character');
      await page.getByTestId('board-from-script').click();
      await page.getByTestId('script-dialog').waitFor();
      await check('script');
      await page.keyboard.press('Escape');
      expect(problems).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    },
  );
});
