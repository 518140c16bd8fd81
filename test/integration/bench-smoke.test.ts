import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// Timing targets belong to `npm run bench`, not to tests; this only proves the benchmark still runs and reports.
describe('npm run bench', () => {
  it('runs on small inputs and prints its ratios', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './scripts/register-ts.js', 'bench/run-all.ts', '--scale', '0.01', '--runs', '1'],
      { cwd: root, timeout: 170_000 },
    );
    expect(stdout).toMatch(
      /^24 MP JPEG .*ratio \d+\.\d\d \(target ≤ 1\.3\); peak RSS prepare \d+ MB, baseline \d+ MB$/m,
    );
    expect(stdout).toMatch(/^50 MP PNG .*ratio \d+\.\d\d/m);
    expect(stdout).toMatch(/^worst ratio \d+\.\d\d: (within target|ABOVE TARGET)$/m);
    expect(stdout).toMatch(/^library of 100 items; initial index \d+ ms/m);
    for (const speed of ['paced to 40 MB/s', 'paced to 120 MB/s'])
      for (const route of ['the CLI \\(undici\\)', "the app's fetch"])
        expect(stdout).toMatch(
          new RegExp(
            `^download \\d+ MB ${speed} via ${route}: \\d+\\.\\d MB/s \\(median of 1\\); curl -o then fsync \\d+\\.\\d MB/s, ` +
              `ratio \\d+\\.\\d\\d \\(target ≥ 0\\.97: (ok|BELOW)\\); RSS growth -?\\d+\\.\\d MB \\(target < 64 MB: (ok|ABOVE)\\); ` +
              `CPU \\d+\\.\\d\\d s/GB, curl \\d+\\.\\d\\d s/GB$`,
            'm',
          ),
        );
    expect(stdout).toMatch(
      /^download \d+ MB unpaced loopback via the CLI \(undici\): .*ratio \d+\.\d\d \(no target\)/m,
    );
    expect(stdout).toMatch(
      /^polling without leases \(baseline\): 50 concurrent tasks for \d+ s: \d+ requests, \d+\.\d per task-minute/m,
    );
    expect(stdout).toMatch(
      /^polling with leases: 50 concurrent tasks for \d+ s: \d+ requests, \d+\.\d per task-minute/m,
    );
    expect(stdout).toMatch(
      /^models refresh: \d+ ids listed, \d+ requests \(the listing and \d+ schemas\), \d+\.\d ms \(median of 1\); the listing request alone \d+\.\d ms, ratio \d+\.\d$/m,
    );
    expect(stdout).toMatch(/^models refresh again within the day: 0 requests \(target 0: ok\)$/m);
    expect(stdout).toMatch(/^lease overhead: polling \d+\.\d\d× the baseline \(target within ±10%: (ok|OUTSIDE)\)$/m);
    expect(stdout).toMatch(
      /^renderer bundle: \d+\.\d KB of JavaScript gzipped at start \(target ≤ 300 KB: (ok|ABOVE)\); \d+\.\d KB more loaded on demand \(.+\), \d+\.\d KB in all$/m,
    );
    expect(stdout).toMatch(
      /^library grid: 100 videos, scrolled over \d+ frames: \d+ long task\(s\) over 50 ms, longest \d+ ms/m,
    );
    expect(stdout).toMatch(
      /^sequence export: 10 takes of \d+ s \d+×\d+ \(\d+ MB\), lossless remux \d+ ms \(median of 1\); ffmpeg -f concat -c copy \d+ ms, ratio \d+\.\d\d \(target ≤ 2: (ok|ABOVE)\); RSS growth -?\d+\.\d MB/m,
    );
    expect(stdout).toMatch(
      /^video record: written into a \d+ MB MP4 in \d+ ms .* ratio \d+\.\d\d \(target ≤ 2: (ok|ABOVE)\)$/m,
    );
    expect(stdout).toMatch(/^library grid at rest: \d+ cards in view, all with their poster$/m);
    expect(stdout).toMatch(
      /^chaos: seed \d+, \d+ jobs, 3 processes beside the app, \d+\.\d min: \d+(\.\d)? jobs finished per minute; survived \d+ kills, \d+ pauses, \d+ app restarts$/m,
    );
    expect(stdout).toMatch(/^chaos faults injected: rateLimitStorm \d+, serverError \d+/m);
    expect(stdout).toMatch(/^chaos violations: 0 \(target 0: ok\)$/m);
    expect(stdout).toMatch(/^chaos rounds: 1 of 1 short rounds with fresh seeds passed \(target all: ok\)$/m);
    expect(stdout).toMatch(/^search blocks the event loop at most \d+\.\d ms \(target ≤ 100 ms: (ok|ABOVE)\)$/m);
    for (const name of ['cold open', 'first page', 'search']) {
      expect(stdout).toMatch(
        new RegExp(
          `^${name} +\\d+\\.\\d ms \\(target ≤ \\d+ ms: (ok|ABOVE)\\); bare node:sqlite \\d+\\.\\d ms, ratio \\d+\\.\\d\\d$`,
          'm',
        ),
      );
    }
  }, 180_000);
});
