import { runCli } from './run-cli';

// The `reelbench` command: plain Node, sharing the app's services, data folder and keychain entry.
const code = await runCli(
  process.argv.slice(2),
  { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
  process.env,
  {
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    writeStderr: (text) => process.stderr.write(text),
  },
);
process.exitCode = code;
