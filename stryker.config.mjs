// StrykerJS, as `npm run mutation` (scripts/mutation.js) runs it: one group of guard modules at a time (MUTATE), with
// the tests that exercise them (MUTATION_TESTS); a mutant no test kills is a guard no test would miss. Not in CI
// (it takes long); the score per module is printed, and the HTML report lands in test-results/mutation/.
// Target: 90% per module. Mutants that cannot be killed (they change nothing observable) are listed here:
//   - log lines and their fields (`deps.logger?.warn(...)` arguments): what is logged is not behaviour;
//   - `Math.max(10, …)` and other timer granularity floors: a different tick changes only when a check runs.
// Stryker's own `// Stryker disable next-line <mutator>: <why>` comments mark the rest in place.
const modules = process.env.MUTATE ? process.env.MUTATE.split(',') : null;

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: modules ?? [
    'electron/services/apimart/download.ts',
    'electron/services/apimart/local-network.ts',
    'electron/services/jobs/job-runner.ts',
    'electron/services/jobs/job-steps.ts',
    'electron/services/jobs/job-leases.ts',
    'electron/services/storage/job-store.ts',
    'electron/services/library/removal-hold.ts',
    'electron/services/library/library-paths.ts',
    'electron/services/library/real-file.ts',
    'electron/services/library/scan-folder.ts',
    'electron/services/security/lies-inside.ts',
    'electron/services/images/image-tokens.ts',
    'electron/services/ipc/router.ts',
    'electron/services/ipc/trusted-sender.ts',
    'electron/services/settings/settings-handlers.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  // The first run executes every selected test once, the integration tests included.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: process.env.MUTATION_REPORT ?? 'test-results/mutation/index.html' },
  // The same report as data, for scripts that list the surviving mutants.
  jsonReporter: {
    fileName: (process.env.MUTATION_REPORT ?? 'test-results/mutation/index.html').replace(/\.html$/, '.json'),
  },
  // Incremental: a later run of a group re-tests only the mutants whose code or covering tests changed since its
  // last run (each group keeps its own results file beside its report).
  incremental: true,
  incrementalFile: (process.env.MUTATION_REPORT ?? 'test-results/mutation/index.html').replace(
    /index\.html$/,
    'incremental.json',
  ),
  thresholds: { high: 90, low: 80, break: null },
  // A folder per group (MUTATION_GROUP), so groups can run side by side: the jobs' tests mostly wait on timers.
  tempDirName: process.env.MUTATION_GROUP ? `.stryker-tmp-${process.env.MUTATION_GROUP}` : '.stryker-tmp',
  ignorePatterns: ['test-results', 'dist', '.stryker-tmp*'],
};
