import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Vitest global setup for the integration and e2e suites: every test cleans up after itself, so a folder of ours
// left in the temp directory is a bug in a test (or in the code it drives, such as a child process that kept
// writing). It fails the run by name instead of filling developers' disks.
const OURS = /^reelbench-/;

const ours = () => new Set(readdirSync(os.tmpdir()).filter((name) => OURS.test(name)));

/** Notes what was there before the run; after it, fails the run over anything new that is left. */
export default function setup(): () => void {
  const before = ours();
  return () => {
    const left = [...ours()].filter((name) => !before.has(name));
    for (const name of left) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(
        `Tests left these folders in ${os.tmpdir()} (now removed): ${left.join(', ')}. Remove them in the test's afterEach/afterAll.`,
      );
  };
}
