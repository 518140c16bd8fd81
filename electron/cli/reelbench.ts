import { runCli } from './run-cli';

// The `reelbench` command: plain Node, sharing the app's services, data folder and keychain entry.
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
