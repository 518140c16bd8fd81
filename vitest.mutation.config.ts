import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of the guard modules (`npm run mutation`): the unit tests and the
 * integration tests that drive those modules through real files, a real local server and the real keychain. One
 * project (Stryker's runner measures coverage per test across it), more property-test runs than in CI.
 */
export default defineConfig({
  test: {
    // MUTATION_TESTS narrows the run to some test files (a glob, comma-separated) when only some modules are mutated.
    include: process.env['MUTATION_TESTS']?.split(',') ?? [
      'test/unit/**/*.test.ts',
      'test/integration/apimart/**/*.test.ts',
      'test/integration/jobs/**/*.test.ts',
      'test/integration/library/**/*.test.ts',
      'test/integration/images/**/*.test.ts',
      'test/integration/keychain/**/*.test.ts',
      'test/integration/storage-damage.test.ts',
      'test/integration/compose-services.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    globalSetup: ['test/support/temp-hygiene.ts'],
    env: { FAST_CHECK_RUNS: '200' },
  },
});
