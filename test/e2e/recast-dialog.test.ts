import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Storyboard } from '../../shared/boards/board-models';
import { keychainGate } from '../support/keychain-probe';
import { appWithFake } from './harness/app-with-fake';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

const RESULTS = path.resolve(import.meta.dirname, '../../test-results');
const session = appWithFake();

describe.skipIf(gate.skip)('recast a storyboard', () => {
  it('shows each shot on the new model beside today’s with the costs, and queues only the ticked shots', async () => {
    await session.start({ estimatedSeconds: 0 });
    const { page } = session.app;
    const { fake } = session;
    await mkdir(RESULTS, { recursive: true });
    // Three Veo 3.1 Fast shots of 4, 6 and 8 s, the last with an orbit.
    const board = (await page.evaluate(`(async () => {
      const bridge = window.reelbench.boards;
      let board = (await bridge.create({ title: 'Lighthouse' })).data;
      for (const [prompt, duration, camera] of [['The bay at dawn', 4, null], ['The keeper climbs', 6, null], ['The lamp turns', 8, { move: 'orbit', strength: 0.5 }]]) {
        board = (await bridge.addShot({ id: board.id })).data;
        const shot = board.shots[board.shots.length - 1];
        board = (await bridge.updateShot({ id: board.id, shotId: shot.id, patch: { prompt, model: 'veo3.1-fast-official', params: { duration }, camera } })).data;
      }
      return board;
    })()`)) as Storyboard;
    await page.getByTestId('nav-boards').click();
    await page.getByTestId('board-item').first().click();
    await page.getByTestId('board-editor').waitFor();

    await page.getByTestId('board-recast').click();
    const dialog = page.getByTestId('recast-dialog');
    await dialog.waitFor();
    // Suggestions from prices and offers: the cheapest model every shot fits, shown on "Show".
    const cheapest = dialog.getByTestId('recast-cheapest');
    await expect.poll(() => cheapest.textContent()).toMatch(/\$\d/);
    const cheapestLabel = (await cheapest.textContent())?.replace('Cheapest that fits', '').split(' · ')[0]?.trim();
    await dialog.getByTestId('recast-cheapest-use').click();
    await expect
      .poll(() => dialog.getByTestId('recast-row').first().textContent())
      .toContain(`→${cheapestLabel}`.slice(1));
    // The sharpest within $1.50: a price within it.
    await dialog.getByTestId('recast-budget').fill('1.5');
    await expect
      .poll(async () => Number(/\$(\d+\.\d+)/.exec((await dialog.getByTestId('recast-best').textContent()) ?? '')?.[1]))
      .toBeLessThanOrEqual(1.5);
    await dialog.getByTestId('model').click();
    await page.getByTestId('model-option-kling-v3').click();
    const rows = dialog.getByTestId('recast-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('Veo 3.1 Fast4 s · $0.32');
    expect(await rows.nth(0).textContent()).toContain('Kling 34 s · $0.2688');
    expect(await rows.nth(2).textContent()).toContain('camera: orbit → prompt phrase (no camera field)');
    await expect.poll(() => dialog.getByTestId('recast-total').textContent()).toBe('3 shots: $1.44 now → $1.21');
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(RESULTS, `recast-dialog-${width}.png`) });
    }

    // A model of its own for shot 2 (Wan 2.6, whose 5/10/15 s make its 6 s into 5 s), then back to Kling 3.
    await rows.nth(1).getByTestId('recast-shot-model').click();
    await page.getByTestId('recast-shot-model-option-wan2.6').click();
    await expect.poll(() => rows.nth(1).textContent()).toContain('5 s · $0.25');
    expect(await rows.nth(0).textContent()).toContain('4 s · $0.2688');
    await rows.nth(1).getByTestId('recast-shot-model').click();
    await page.getByTestId('recast-shot-model-option-kling-v3').click();
    await expect.poll(() => rows.nth(1).textContent()).toContain('6 s · $0.4032');
    // Untick shot 2: only shots 1 and 3 move and are generated.
    await rows.nth(1).getByTestId('recast-confirm').uncheck();
    await expect.poll(() => dialog.getByTestId('recast-total').textContent()).toBe('2 shots: $0.96 now → $0.8064');
    await dialog.getByTestId('recast-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => fake.tasks.size).toBe(2);
    const sent = [...fake.tasks.values()].map((task) => task.generation);
    expect(sent.map((generation) => generation.model)).toEqual(['kling-v3', 'kling-v3']);
    expect(sent.map((generation) => generation.prompt).sort()).toEqual([
      'The bay at dawn',
      'The lamp turns\n\nThe camera surrounds the subject.',
    ]);
    const after = (await page.evaluate(
      `window.reelbench.boards.get({ id: '${board.id}' }).then((answer) => answer.data)`,
    )) as Storyboard;
    expect(after.shots.map((shot) => [shot.model, shot.takes.length])).toEqual([
      ['kling-v3', 1],
      ['veo3.1-fast-official', 0],
      ['kling-v3', 1],
    ]);
  });
});
