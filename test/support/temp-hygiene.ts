import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Vitest global setup for the integration, chaos and e2e suites. Each run gets a temp root of its own, handed to the
// test workers and every child process they start through TMPDIR/TMP/TEMP (what os.tmpdir() reads), so two runs on
// one machine — or a run beside `npm run chaos` — never see, or delete, each other's folders. Every test cleans up
// after itself, so a folder left in the run's root is a bug in a test (or in the code it drives, such as a child
// process that kept writing): it fails the run by name instead of filling developers' disks.

/** Makes the run's temp root; after the run, fails it over anything left inside, then removes the root. */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'reelbench-test-run-'));
  const previous = { TMPDIR: process.env['TMPDIR'], TMP: process.env['TMP'], TEMP: process.env['TEMP'] };
  for (const name of ['TMPDIR', 'TMP', 'TEMP'] as const) process.env[name] = root;
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    // Only our own folders are blamed: tools such as Playwright keep their scratch files in the temp folder too.
    const left = readdirSync(root)
      .filter((name) => name.startsWith('reelbench-'))
      .map((name) => describeLeft(root, name));
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(
        `Tests left these in their temp folder (now removed): ${left.join('; ')}. Remove them in the test's afterEach/afterAll.`,
      );
  };
}

/** A left folder with the first files in it: what was written after the test removed it names who wrote it. */
function describeLeft(root: string, name: string): string {
  try {
    const inside = readdirSync(path.join(root, name), { recursive: true, encoding: 'utf8' }).slice(0, 8);
    return inside.length > 0 ? `${name} (holding ${inside.join(', ')})` : name;
  } catch {
    return name;
  }
}
