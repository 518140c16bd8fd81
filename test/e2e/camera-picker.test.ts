import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keychainGate } from '../support/keychain-probe';
import { appWithFake } from './harness/app-with-fake';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
const session = appWithFake();

const checked = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-checked');
/** The animation the tile's little scene plays, as the browser computes it. */
const animationOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('.camera-scene')
    .evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).animationName ?? '');

describe.skipIf(gate.skip)('the camera picker', () => {
  it('chooses a move by pointer and by keyboard, shows it moving, and sends it in the model’s words', async () => {
    await session.start({ estimatedSeconds: 0 });
    const { page } = session.app;
    const { fake } = session;
    await mkdir(RESULTS, { recursive: true });
    await page.getByTestId('prompt').fill('A lighthouse keeper climbs the stairs at dusk');
    await page.getByTestId('model').click();
    await page.getByTestId('model-option-wan2.6').click();
    expect(await checked(page, 'camera-none')).toBe('true');

    await page.getByTestId('camera-push-in').click();
    expect(await checked(page, 'camera-push-in')).toBe('true');
    // Arrow keys move the choice, as in any radio group (held as long as a finger does: Radix moves the focus on the
    // next tick and chooses only while the key is down).
    await page.getByTestId('camera-push-in').focus();
    await page.keyboard.press('ArrowRight', { delay: 50 });
    await expect.poll(() => checked(page, 'camera-pull-out')).toBe('true');
    expect(await animationOf(page, 'camera-pull-out')).toBe('camera-move');
    expect(await animationOf(page, 'camera-orbit')).toBe('none');
    await page.getByTestId('camera-strength').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('camera-strength').getAttribute('aria-valuetext')).toBe('Slow');
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('camera-picker').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, `camera-picker-${width}.png`) });
    }
    // Reduced motion: the tiles stay still.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animationOf(page, 'camera-pull-out')).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });

    // Kept with the draft, and sent as Wan's prompt words (it has no camera field).
    await expect
      .poll(async () => {
        const drafts = (await page.evaluate(`window.reelbench.drafts.list({}).then((answer) => answer.data)`)) as {
          camera: unknown;
        }[];
        return drafts[0]?.camera;
      })
      .toEqual({ move: 'pull-out', strength: 0 });
    await page.getByTestId('generate').click();
    await expect.poll(() => fake.tasks.size).toBe(1);
    const [task] = [...fake.tasks.values()];
    expect(task?.generation.prompt).toBe(
      'A lighthouse keeper climbs the stairs at dusk\n\nSlowly, the camera pulls out.',
    );

    // "Auto" takes the move away again.
    await page.getByTestId('camera-none').click();
    await expect.poll(() => page.getByTestId('camera-strength').count()).toBe(0);
  });
});
