import type { ChaosOptions, ChaosReport } from './chaos-run.ts';
import type { Violation } from './invariant-checker.ts';

const megabytes = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);
const clock = (at: number | string) => new Date(at).toISOString().slice(11, 23);

/** The command that runs the same round again. */
export function replayCommand(options: Pick<ChaosOptions, 'seed' | 'jobs' | 'minutes' | 'processes'>): string {
  return `npm run chaos -- --seed ${options.seed} --jobs ${options.jobs} --minutes ${options.minutes} --processes ${options.processes}`;
}

/** One broken promise with everything needed to understand it: the job's history and the server's lines about it. */
function formatViolation(violation: Violation): string[] {
  const lines = [`✗ [${violation.rule}] ${violation.message}`];
  if (violation.history && violation.history.length > 0) {
    lines.push('    history (jobs.sqlite):');
    for (const entry of violation.history) {
      const state = [entry.phase, entry.waiting ? `waiting for ${entry.waiting}` : null, entry.detail, entry.taskId]
        .filter(Boolean)
        .join(' · ');
      lines.push(`      ${clock(entry.at)}  ${state}  by ${entry.by}`);
    }
  }
  if (violation.serverLines && violation.serverLines.length > 0) {
    lines.push('    server:');
    for (const line of violation.serverLines)
      lines.push(
        `      ${clock(line.at)}  ${line.method} ${line.path}${line.idempotencyKey ? ` [${line.idempotencyKey}]` : ''} → ${line.outcome || 'no answer'}`,
      );
  }
  return lines;
}

/** The round's summary, then every violation in full. */
export function formatReport(
  report: ChaosReport,
  options: Pick<ChaosOptions, 'seed' | 'jobs' | 'minutes' | 'processes'>,
): string {
  const phases = Object.entries(report.byPhase)
    .map(([phase, count]) => `${phase} ${count}`)
    .join(', ');
  const faults = Object.entries(report.faults)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const endings = Object.entries(report.endings)
    .map(([ending, count]) => `${ending} ${count}`)
    .join(', ');
  const lines = [
    `chaos seed ${report.seed}: ${report.jobsCreated} jobs (${report.jobsPlanned} planned; ${phases})`,
    `  without a video: ${endings || 'none'}`,
    `  ${(report.chaosMs / 1000).toFixed(1)} s of chaos + ${(report.settleMs / 1000).toFixed(1)} s to settle; ${report.jobsPerMinute} jobs finished per minute`,
    `  survived ${report.kills} kills, ${report.pauses} pauses, ${report.appRestarts} app restarts`,
    `  faults injected: ${faults || 'none'}`,
    `  ${report.tasksBilled} tasks billed, ${report.replays} re-sends answered from the Idempotency-Key`,
    `  peak memory: app ${megabytes(report.peakRss.app)}, reelbench ${megabytes(report.peakRss.cli)}`,
    `  violations: ${report.violations.length}`,
  ];
  for (const violation of report.violations) lines.push(...formatViolation(violation));
  if (report.violations.length > 0) {
    lines.push(
      `  final \`jobs resume\` exited ${report.settle.code}${report.settle.stderr.trim() ? `:\n${report.settle.stderr.trim()}` : ''}`,
    );
    lines.push(`  replay: ${replayCommand(options)}`);
  }
  if (report.dir) lines.push(`  data and library kept in ${report.dir}`);
  return lines.join('\n');
}
