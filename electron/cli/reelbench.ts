import { nodeVersionProblem } from './node-version-guard';

// The `reelbench` entry point. It imports nothing else statically: on an older Node the rest of the CLI (node:sqlite,
// newer syntax) would fail to load with an error that says nothing about the version.
const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  await import('./cli-main');
}
