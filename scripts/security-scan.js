// Runs Electronegativity over the app's source and fails on any HIGH or MEDIUM finding that is not justified in
// security/electronegativity-accepted.json. Electronegativity fetches translations and Electron's release list
// from GitHub; with no network that fetch crashes it at random, so its HTTP client is replaced by one that fails
// at once (it handles that), and the release-list check is skipped (the Electron version is kept current by hand).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SCANNED = ['package.json', 'electron', 'renderer', 'shared'];
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

const offlineGot = () => Promise.reject(new Error('offline: security scan makes no network requests'));
const originalLoad = Module._load;
Module._load = function load(request, parent, ...rest) {
  if (request === 'got' && parent?.filename?.includes('electronegativity')) return offlineGot;
  return originalLoad.call(this, request, parent, ...rest);
};

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');

const accepted = JSON.parse(await readFile(path.join(root, 'security', 'electronegativity-accepted.json'), 'utf8'));
const workDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-scan-'));
try {
  for (const entry of SCANNED) await cp(path.join(root, entry), path.join(workDir, entry), { recursive: true });
  const result = await run({
    input: workDir,
    isRelative: true,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    customScan: [],
  });

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    file: issue.file,
    line: issue.location.line,
    sample: String(issue.sample ?? '').trim(),
  }));
  const isAccepted = (finding) =>
    accepted.some((entry) => entry.check === finding.check && entry.file === finding.file);
  const blocking = findings.filter((finding) => BLOCKING.has(finding.severity) && !isAccepted(finding));
  const stale = accepted.filter(
    (entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file),
  );

  for (const finding of findings) {
    const mark = BLOCKING.has(finding.severity) ? (isAccepted(finding) ? 'accepted' : 'BLOCKING') : 'info';
    console.log(`${mark.padEnd(8)} ${finding.severity.padEnd(13)} ${finding.check} ${finding.file}:${finding.line}`);
  }
  if (result.errors?.length)
    console.log(`electronegativity could not parse: ${result.errors.map((error) => error.file).join(', ')}`);
  if (stale.length > 0) {
    console.error(
      `\nJustifications that no longer match a finding (remove them): ${stale.map((entry) => `${entry.check} ${entry.file}`).join(', ')}`,
    );
  }
  if (blocking.length > 0) {
    console.error(
      `\n${blocking.length} HIGH/MEDIUM finding(s) without a justification in security/electronegativity-accepted.json.`,
    );
  }
  if (blocking.length > 0 || stale.length > 0 || result.errors?.length) process.exitCode = 1;
  else console.log(`\nsecurity scan: ${findings.length} finding(s), none blocking.`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
