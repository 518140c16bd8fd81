import { formatReport, replayCommand } from './chaos-report.ts';
import { runChaos, type ChaosOptions, type ChaosReport } from './chaos-run.ts';

/** The shape of every round in a series; each gets a fresh random seed. */
export type RoundShape = Pick<ChaosOptions, 'jobs' | 'minutes' | 'processes'>;

/** How a series ended: every round passed, or the first that broke a promise (its report and how to replay it). */
export interface RoundsOutcome {
  readonly passed: number;
  readonly failed: { readonly seed: number; readonly report: ChaosReport; readonly replay: string } | null;
}

/**
 * Runs up to `count` short chaos rounds, each with a new random seed printed before it starts, and stops at the first
 * violation: races that one seed does not pin down show up across many.
 */
export async function runRounds(
  count: number,
  shape: RoundShape,
  log: (line: string) => void,
  random: () => number = Math.random,
): Promise<RoundsOutcome> {
  for (let index = 0; index < count; index += 1) {
    const options = { ...shape, seed: Math.floor(random() * 2 ** 31) };
    log(`chaos round ${index + 1}/${count}: ${replayCommand(options)}`);
    const report = await runChaos({ ...options, keep: false });
    if (report.violations.length > 0) {
      log(formatReport(report, options));
      return { passed: index, failed: { seed: options.seed, report, replay: replayCommand(options) } };
    }
  }
  return { passed: count, failed: null };
}
