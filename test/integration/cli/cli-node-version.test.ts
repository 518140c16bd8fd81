import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { CLI } from '../../support/cli-runner';

/** A Node older than 22.12 on this machine's PATH (Debian's own, say), or null. */
function olderNode(): { file: string; version: string } | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const file = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(file, constants.X_OK);
      const version = execFileSync(file, ['--version'], { encoding: 'utf8' }).trim();
      const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
      if (major < 22 || (major === 22 && minor < 12)) return { file, version };
    } catch {
      // not there, or not runnable
    }
  }
  return null;
}

const older = olderNode();
beforeAll(requireBuild);

describe.runIf(older)('the built reelbench under an older Node', () => {
  it('says which Node it needs, before loading anything else, and exits 1', () => {
    const run = spawnSync(older?.file ?? '', [CLI, 'jobs'], {
      encoding: 'utf8',
      env: { ...process.env, REELBENCH_DATA_DIR: '/nonexistent/reelbench' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Reelbench needs Node 22.12 or newer (this is ${older?.version}).\n`);
    expect(run.stdout).toBe('');
  });
});
