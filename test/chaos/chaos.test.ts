import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, replayCommand } from './chaos-report.ts';
import { runChaos, type ChaosOptions } from './chaos-run.ts';

type Round = Pick<ChaosOptions, 'seed' | 'jobs' | 'minutes' | 'processes'>;

const kept = JSON.parse(readFileSync(path.join(import.meta.dirname, 'regression-seeds.json'), 'utf8')) as {
  rounds: (Round & { found: string })[];
};
const FIXED: Round = { seed: 20260924, jobs: 30, minutes: 0.5, processes: 2 };
// Three new seeds every run, each printed with the command that replays it; REELBENCH_CHAOS_SEED repeats one.
const RANDOM: readonly Round[] = process.env['REELBENCH_CHAOS_SEED']
  ? [{ ...FIXED, seed: Number(process.env['REELBENCH_CHAOS_SEED']) }]
  : Array.from({ length: 3 }, () => ({ ...FIXED, seed: Math.floor(Math.random() * 2 ** 31) }));

async function round(options: Round): Promise<void> {
  console.log(`chaos round: ${replayCommand(options)}`);
  const report = await runChaos({ ...options, keep: false });
  const summary = formatReport(report, options);
  console.log(summary);
  expect(report.violations, summary).toEqual([]);
  // A round that did nothing would pass for the wrong reason.
  expect(report.jobsCreated, summary).toBeGreaterThanOrEqual(options.jobs / 2);
  expect(report.kills + report.pauses, summary).toBeGreaterThan(0);
  expect(report.tasksBilled, summary).toBeGreaterThan(0);
}

describe('chaos: many jobs, random faults, killed processes — and no loss', () => {
  it(`fixed seed ${FIXED.seed}`, () => round(FIXED));
  for (const random of RANDOM) it(`random seed ${random.seed}`, () => round(random));
  for (const regression of kept.rounds) {
    it(`kept seed ${regression.seed} (once found ${regression.found.split(':')[0]})`, () => round(regression));
  }
});
