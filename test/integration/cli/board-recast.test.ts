import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecastPlan } from '../../../shared/boards/recast-models';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

// Five shots on Veo 3.1 Fast: their lengths, and the prices the app ships (per second, seen 2026-09-24).
const LENGTHS = [4, 6, 8, 8, 6];
const SEEDANCE_PER_SECOND = 0.142;
const cents = (amount: number) => Math.round(amount * 100) / 100;

async function fiveShotBoard(): Promise<string> {
  const made = await cli.reelbench(['board', 'new', 'Lighthouse']).done;
  const id = made.stdout.trim();
  const opening = path.join(cli.dir, 'opening.png');
  await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#2a4d69' } })
    .png()
    .toFile(opening);
  for (const [index, seconds] of LENGTHS.entries()) {
    const extra =
      index === 0
        ? ['--first-frame', opening]
        : index === 2
          ? ['--set', 'seed=4294967295', '--set', 'negative_prompt=text']
          : [];
    const added = await cli.reelbench([
      'board',
      'add',
      id,
      '--prompt',
      `Shot ${index + 1}: the keeper climbs`,
      '--model',
      'veo3.1-fast-official',
      '--duration',
      String(seconds),
      ...extra,
    ]).done;
    expect(added.code, added.stderr).toBe(0);
  }
  return id;
}

const dryRun = async (id: string, model: string): Promise<RecastPlan> => {
  const run = await cli.reelbench(['board', 'recast', id, '--model', model, '--dry-run', '--json']).done;
  expect(run.code, run.stderr).toBe(0);
  const answer = JSON.parse(run.stdout) as { ok: boolean; applied: boolean; plan: RecastPlan };
  expect(answer).toMatchObject({ ok: true, applied: false });
  return answer.plan;
};

describe('board recast', () => {
  it('recasts a 5-shot board from Veo 3.1 Fast onto Kling 3 and Seedance 2.0: table to the cent, valid requests, old takes kept', async () => {
    const fake = await cli.startFake();
    const id = await fiveShotBoard();

    // The table: each shot before and after, with the cost on each model, nothing sent.
    const toKling = await dryRun(id, 'kling-v3');
    expect(
      toKling.rows.map((row) => [row.before.seconds, row.before.cost, row.after?.seconds, row.after?.cost]),
    ).toEqual([
      [4, 0.32, 4, 0.2688],
      [6, 0.48, 6, 0.4032],
      [8, 0.64, 8, 0.5376],
      [8, 0.64, 8, 0.5376],
      [6, 0.48, 6, 0.4032],
    ]);
    expect(cents(toKling.totalBefore ?? NaN)).toBe(2.56);
    expect(cents(toKling.totalAfter ?? NaN)).toBe(2.15);
    expect(toKling.totalAfter).toBe(2.1504);
    // Veo's seed is outside what Kling takes as a field at all; its negative prompt carries over.
    expect(toKling.rows[2]?.after?.params).toMatchObject({ negative_prompt: 'text' });
    expect(toKling.rows[2]?.after?.params).not.toHaveProperty('seed');
    expect(toKling.rows[0]?.after?.images).toEqual(['first']);
    expect(fake.tasks.size).toBe(0);

    const text = await cli.reelbench(['board', 'recast', id, '--model', 'kling-v3', '--dry-run']).done;
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('1. Veo 3.1 Fast · 4 s · $0.32  →  Kling 3 · 4 s · $0.2688');
    expect(text.stderr).toContain('Total for 5 shots: $2.56 now → $2.15 on Kling 3.');

    // Without a terminal, applying needs --yes: nothing changes, nothing is billed.
    const unasked = await cli.reelbench(['board', 'recast', id, '--model', 'kling-v3']).done;
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toContain('nothing was changed');
    expect(unasked.stderr).toContain('--yes');
    expect(fake.tasks.size).toBe(0);

    const applied = await cli.reelbench(['board', 'recast', id, '--model', 'kling-v3', '--yes', '--json']).done;
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      ok: true,
      applied: true,
      jobs: LENGTHS.map(() => ({ phase: 'done' })),
    });
    // The fake checked every body against Kling's own schema (enable_audio, mode, 3–15 s).
    // In the board's order (the queue sends them side by side).
    const bodies = () =>
      [...fake.tasks.values()]
        .map((task) => task.generation.body)
        .sort((a, b) => String(a['prompt']).localeCompare(String(b['prompt'])));
    const klingBodies = bodies();
    expect(klingBodies.map((body) => [body['model'], body['duration'], body['aspect_ratio'], body['mode']])).toEqual(
      LENGTHS.map((seconds) => ['kling-v3', seconds, '16:9', 'std']),
    );
    expect(klingBodies.filter((body) => Array.isArray(body['image_urls']))).toHaveLength(1);

    // Onto Seedance: 4 s is shorter than it makes (5 s), the seed is out of its range and stays Veo's.
    const toSeedance = await dryRun(id, 'doubao-seedance-2.0');
    expect(toSeedance.rows.map((row) => row.after?.seconds)).toEqual([5, 6, 8, 8, 6]);
    expect(toSeedance.rows.map((row) => row.before.model)).toEqual(LENGTHS.map(() => 'kling-v3'));
    expect(toSeedance.rows[0]?.changes).toContainEqual({
      what: 'duration',
      from: '4 s',
      to: '5 s',
      why: 'Seedance 2.0 offers from 5 to 15 s',
    });
    expect(toSeedance.totalBefore).toBe(2.1504);
    expect(toSeedance.totalAfter).toBe(Math.round(33 * SEEDANCE_PER_SECOND * 1e6) / 1e6);
    expect(cents(toSeedance.totalAfter ?? NaN)).toBe(4.69);
    const onSeedance = await cli.reelbench(['board', 'recast', id, '--model', 'doubao-seedance-2.0', '--yes', '--json'])
      .done;
    expect(onSeedance.code, onSeedance.stderr).toBe(0);
    const seedanceBodies = bodies().filter((body) => body['model'] === 'doubao-seedance-2.0');
    expect(seedanceBodies.map((body) => [body['model'], body['duration'], body['size'], body['resolution']])).toEqual(
      [5, 6, 8, 8, 6].map((seconds) => ['doubao-seedance-2.0', seconds, '16:9', '720p']),
    );
    expect(seedanceBodies.some((body) => 'seed' in body)).toBe(false);

    // Every shot has both takes; the Veo extras wait for Veo to be chosen again.
    const shown = JSON.parse((await cli.reelbench(['board', 'show', id, '--json']).done).stdout) as {
      board: { shots: { model: string; takes: unknown[] }[] };
    };
    expect(shown.board.shots.map((shot) => [shot.model, shot.takes.length])).toEqual(
      LENGTHS.map(() => ['doubao-seedance-2.0', 2]),
    );
    const back = await dryRun(id, 'veo3.1-fast-official');
    expect(back.rows[2]?.after?.params).toMatchObject({ seed: 4294967295, negative_prompt: 'text' });
    expect(back.rows[0]?.changes).toContainEqual(expect.objectContaining({ what: 'duration', from: '5 s', to: '6 s' }));
  }, 120_000);

  it('refuses an unknown model by name, and --dry-run, --yes go with recast only', async () => {
    await cli.startFake();
    const made = await cli.reelbench(['board', 'new', 'Empty']).done;
    const id = made.stdout.trim();
    const unknown = await cli.reelbench(['board', 'recast', id, '--model', 'kling-v9', '--dry-run']).done;
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no video model "kling-v9"');
    const misplaced = await cli.reelbench(['board', 'show', id, '--yes']).done;
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('takes no --yes');
    const noModel = await cli.reelbench(['board', 'recast', id]).done;
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('board recast needs --model M');
  }, 60_000);
});
