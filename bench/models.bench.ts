// npm run bench (model catalog part): refreshing APIMart's listing of 300 model ids, most of them chat and image
// models, against the fake server — the requests made (one listing, a schema for each id that may be a video model,
// three at a time) and the time, against the listing request alone measured in the same run; then a second refresh
// within the day, which must make no request at all.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApimartClient } from '../electron/services/apimart/apimart-client.ts';
import { createModelCatalogService } from '../electron/services/models/model-catalog-service.ts';
import { startFakeApimart } from '../test/fake-apimart/fake-server.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' } },
});
const runs = Math.max(1, Number(values.runs));
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

// 300 ids in all, as a real listing has: the fake's video models and its usual chat and image ones, then filler.
const families = [
  'gpt',
  'claude',
  'gemini',
  'deepseek',
  'qwen',
  'llama',
  'mistral',
  'dall-e',
  'flux',
  'text-embedding',
];
const filler = Array.from({ length: 287 }, (_, index) => `${families[index % families.length]}-${index}`);
const fake = await startFakeApimart({ otherModels: filler });
const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-models-bench-'));
try {
  const client = () =>
    createApimartClient({
      fetch: (url, init) => fetch(url, init),
      baseUrl: fake.baseUrl,
      keySource: { read: async () => fake.apiKey },
    });
  const listingAlone: number[] = [];
  const refresh: number[] = [];
  let requests = 0;
  let listed = 0;
  let again = -1;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await client().listModels();
    listingAlone.push(performance.now() - started);

    const models = createModelCatalogService({
      client,
      cacheFile: path.join(dir, `models-${run}.json`),
      prices: () => ({}),
    });
    await models.load();
    const before = performance.now();
    const report = await models.refresh();
    refresh.push(performance.now() - before);
    requests = report.requests;
    listed = report.listed;
    const second = await models.refresh();
    again = second.requests;
  }
  const ours = median(refresh);
  const bare = median(listingAlone);
  console.log(
    `models refresh: ${listed} ids listed, ${requests} requests (the listing and ${requests - 1} schemas), ${ours.toFixed(1)} ms ` +
      `(median of ${runs}); the listing request alone ${bare.toFixed(1)} ms, ratio ${(ours / Math.max(bare, 0.001)).toFixed(1)}`,
  );
  console.log(`models refresh again within the day: ${again} requests (target 0: ${again === 0 ? 'ok' : 'ABOVE'})`);
} finally {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}
