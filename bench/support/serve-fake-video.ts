// The fake APIMart, in its own process so its memory is not counted against the client's, serving one file as
// the video of a finished task. Prints that video's URL on the first line of stdout.
import { readFileSync } from 'node:fs';
import { createApimartClient } from '../../electron/services/apimart/apimart-client.ts';
import { createFakeClock } from '../../test/fake-apimart/fake-clock.ts';
import { startFakeApimart } from '../../test/fake-apimart/fake-server.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: serve-fake-video.ts <file>');
const clock = createFakeClock();
const fake = await startFakeApimart({ clock, videoPayload: readFileSync(file), estimatedSeconds: 1 });
const client = createApimartClient({
  fetch: (url, init) => fetch(url, init),
  baseUrl: fake.baseUrl,
  keySource: { read: async () => fake.apiKey },
});
const { taskId } = await client.createVideo({ model: 'sora-2-preview', prompt: 'benchmark' });
clock.advance(60_000);
const task = await client.getTask(taskId);
if (task.status !== 'completed') throw new Error(`the fake did not finish the task: ${task.status}`);
process.stdout.write(`${task.video.url}\n`);
