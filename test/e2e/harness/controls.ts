import type { Page } from 'playwright-core';

/** Chooses `value` in a select menu by its test id, as a user does: open it, click the choice. */
export async function chooseInMenu(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-option-${value}`).click();
  await page.getByTestId(`${testId}-option-${value}`).waitFor({ state: 'detached' });
}

/** Sets a slider by keyboard alone: Home to its minimum, then one arrow press per step up to `value`. */
export async function setSlider(
  page: Page,
  testId: string,
  value: number,
  { min, step }: { min: number; step: number },
): Promise<void> {
  const thumb = page.getByTestId(testId);
  await thumb.focus();
  await thumb.press('Home');
  for (let at = min; at < value - step / 2; at += step) await thumb.press('ArrowRight');
}
