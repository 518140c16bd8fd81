// npm run chaos -- --seed S --jobs N --minutes M --processes P [--rounds R]
// One chaos round against the built CLI (run `npm run build` first); exit 1 when the checker finds a broken promise.
// With --rounds R: R rounds, each with a fresh random seed (printed), stopping at the first broken promise.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLI } from '../support/cli-runner.ts';
import { formatReport } from './chaos-report.ts';
import { runChaos } from './chaos-run.ts';
import { runRounds } from './chaos-rounds.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    jobs: { type: 'string', default: '40' },
    minutes: { type: 'string', default: '1' },
    processes: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    rounds: { type: 'string' },
  },
});

const number = (name: string, text: string | undefined, min: number): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    console.error(`chaos: --${name} takes a number of at least ${min}, not "${text}".`);
    process.exit(2);
  }
  return value;
};
if (!existsSync(CLI)) {
  console.error('chaos: the CLI is not built yet. Run `npm run build` first.');
  process.exit(2);
}
if (values.rounds !== undefined) {
  if (values.seed !== undefined) {
    console.error('chaos: --rounds draws a new seed for every round; replay one with --seed alone.');
    process.exit(2);
  }
  const count = number('rounds', values.rounds, 1);
  const shape = {
    jobs: number('jobs', values.jobs, 1),
    minutes: number('minutes', values.minutes, 0.1),
    processes: number('processes', values.processes, 1),
  };
  const outcome = await runRounds(count, shape, (line) => console.log(line));
  console.log(
    outcome.failed
      ? `chaos: round ${outcome.passed + 1} of ${count} broke a promise; replay it with: ${outcome.failed.replay}`
      : `chaos: ${count} rounds, each with its own seed, broke no promise`,
  );
  process.exit(outcome.failed ? 1 : 0);
}
const options = {
  seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : number('seed', values.seed, 0),
  jobs: number('jobs', values.jobs, 1),
  minutes: number('minutes', values.minutes, 0.1),
  processes: number('processes', values.processes, 1),
};
console.log(
  `chaos: seed ${options.seed}, ${options.jobs} jobs, ${options.minutes} min, ${options.processes} reelbench processes beside the app`,
);
const report = await runChaos({ ...options, keep: values.keep, log: (line) => console.log(line) });
console.log(formatReport(report, options));
process.exit(report.violations.length === 0 ? 0 : 1);
