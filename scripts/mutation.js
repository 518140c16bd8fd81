// npm run mutation: StrykerJS over the guard modules, one group at a time, each with the tests that exercise it (a
// run with every test for every module would take hours; per group it is minutes). Prints each module's mutation
// score against the 90% target; the HTML reports land in test-results/mutation/<group>/.
// MUTATE=electron/services/jobs/job-runner.ts (comma-separated) runs only the groups holding those modules.
import { spawnSync } from 'node:child_process';

const groups = [
  {
    name: 'ipc',
    mutate: ['electron/services/ipc/trusted-sender.ts', 'electron/services/ipc/router.ts'],
    tests: ['test/unit/services/trusted-sender.test.ts', 'test/unit/services/router.test.ts'],
  },
  {
    name: 'image-tokens',
    mutate: ['electron/services/images/image-tokens.ts'],
    tests: ['test/unit/services/image-tokens.test.ts'],
  },
  {
    name: 'library',
    mutate: [
      'electron/services/library/removal-hold.ts',
      'electron/services/library/library-paths.ts',
      'electron/services/library/real-file.ts',
      'electron/services/library/scan-folder.ts',
      'electron/services/security/lies-inside.ts',
    ],
    tests: [
      'test/unit/services/file-names.test.ts',
      'test/unit/services/library-paths.test.ts',
      'test/unit/services/lies-inside.test.ts',
      'test/integration/library/real-file.test.ts',
      'test/integration/library/removal-hold.test.ts',
      'test/integration/library/scan-folder.test.ts',
      'test/integration/library/hostile-folder.test.ts',
      'test/integration/library/access-safety.test.ts',
      'test/integration/library/operations.test.ts',
      'test/integration/library/reconcile.test.ts',
    ],
  },
  {
    name: 'download',
    mutate: ['electron/services/apimart/download.ts', 'electron/services/apimart/local-network.ts'],
    tests: [
      'test/unit/services/local-network.test.ts',
      'test/integration/apimart/download-rules.test.ts',
      'test/integration/apimart/download.test.ts',
      'test/integration/apimart/download-hostile.test.ts',
      'test/integration/apimart/local-network-links.test.ts',
    ],
  },
  {
    name: 'job-store',
    mutate: ['electron/services/jobs/job-leases.ts', 'electron/services/storage/job-store.ts'],
    tests: [
      'test/integration/jobs/job-store-leases.test.ts',
      'test/integration/jobs/job-store-migration.test.ts',
      'test/integration/jobs/store-detached.test.ts',
      'test/integration/jobs/lease-before-post.test.ts',
    ],
  },
  // The runner and its steps, each a group of its own: one run of either takes about an hour on two cores.
  ...['job-runner', 'job-steps'].map((name) => ({
    name,
    mutate: [`electron/services/jobs/${name}.ts`],
    // The tests that drive the runner end to end against the fake APIMart (the store's own are in job-store).
    tests: [
      'test/integration/jobs/pipeline.test.ts',
      'test/integration/jobs/recovery.test.ts',
      'test/integration/jobs/billing-truth.test.ts',
      'test/integration/jobs/outside-text.test.ts',
      'test/integration/jobs/lease-before-post.test.ts',
      'test/integration/jobs/store-detached.test.ts',
      'test/integration/jobs/filing-takeover.test.ts',
      'test/integration/jobs/detach-file.test.ts',
      'test/integration/jobs/submit-rules.test.ts',
      'test/integration/jobs/after-submit-rules.test.ts',
      'test/integration/jobs/job-steps.test.ts',
      'test/integration/jobs/runner-rules.test.ts',
      'test/integration/jobs/runner-scheduler.test.ts',
      'test/integration/jobs/runner-lease-races.test.ts',
      'test/integration/jobs/runner-claims.test.ts',
    ],
  })),
  {
    name: 'settings',
    mutate: ['electron/services/settings/settings-handlers.ts'],
    tests: ['test/integration/settings/settings-handlers.test.ts'],
  },
];

const only = process.env.MUTATE?.split(',').filter(Boolean);
const chosen = only ? groups.filter((group) => group.mutate.some((file) => only.includes(file))) : groups;
const scores = [];
for (const group of chosen) {
  console.log(`\n=== mutation: ${group.name} (${group.mutate.join(', ')})`);
  const result = spawnSync('npx', ['stryker', 'run'], {
    env: {
      ...process.env,
      MUTATE: group.mutate.join(','),
      MUTATION_TESTS: group.tests.join(','),
      MUTATION_REPORT: `test-results/mutation/${group.name}/index.html`,
      MUTATION_GROUP: group.name,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout ?? '');
  // The clear-text table's rows: " file.ts |  91.30 |  91.30 | …".
  for (const line of (result.stdout ?? '').split('\n')) {
    const row = /^\s*([\w.-]+\.ts)\s*\|\s*([\d.]+|n\/a)\s*\|/.exec(line);
    if (row) scores.push({ file: row[1], score: row[2] });
  }
  if (result.status !== 0) scores.push({ file: `${group.name} (stryker failed)`, score: 'n/a' });
}
console.log('\nmutation score per module (target ≥ 90%):');
for (const { file, score } of scores) {
  const verdict = score === 'n/a' ? '' : Number(score) >= 90 ? 'ok' : 'BELOW';
  console.log(`  ${file.padEnd(28)} ${score.padStart(6)}%  ${verdict}`);
}
