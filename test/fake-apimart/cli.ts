// `npm run fake-api`: a fake APIMart for trying the app or the CLI by hand, with no account and no cost.
// Time runs for real here (the clock is advanced every second), so a generation takes `--seconds` seconds.
// npm builds it first (any Node the project allows runs the bundle; not all of them strip TypeScript's types) and
// runs it from the project's folder, where the sample video is.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFakeClock } from './fake-clock.ts';
import { startFakeApimart } from './fake-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    key: { type: 'string', default: 'sk-fake-local-development-key' },
    seconds: { type: 'string', default: '20' },
  },
});

const clock = createFakeClock();
const fake = await startFakeApimart({
  port: Number(values.port),
  apiKey: values.key,
  clock,
  estimatedSeconds: Number(values.seconds),
  videoPayload: await readFile(path.resolve('test/fixtures/sample.mp4')),
});
const ticker = setInterval(() => clock.advance(1000), 1000);

console.log(`Fake APIMart listening on ${fake.baseUrl}`);
console.log(`API key: ${fake.apiKey}`);
console.log('Set the base URL in Reelbench to this address (loopback http is allowed). Ctrl+C stops it.');

process.on('SIGINT', () => {
  clearInterval(ticker);
  void fake.close().then(() => process.exit(0));
});
