import { printable } from './cli-io';
import { runCli } from './run-cli';

// The `reelbench` command: plain Node, sharing the app's services, data folder and keychain entry.
const code = await runCli(
  process.argv.slice(2),
  // Every line goes through printable(): server text (error reasons, titles) cannot drive the terminal.
  {
    out: (line) => process.stdout.write(`${printable(line)}\n`),
    err: (line) => process.stderr.write(`${printable(line)}\n`),
  },
  process.env,
  {
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    writeStderr: (text) => process.stderr.write(text),
    stdio: { input: process.stdin, output: process.stdout },
  },
);
process.exitCode = code;
