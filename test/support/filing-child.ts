// A second Reelbench process for the takeover-at-filing test: it runs one job of its own against the fake server and,
// when it comes to write the video's record, does the first half of what the record write does (a new movie box
// appended at the end, the old one not yet freed), says so on stdout, and sleeps there — where the test pauses it
// past its lease (SIGSTOP), lets another process take the job over, then resumes it (SIGCONT): it then finishes the
// record write (or finds its file cleaned away) and its lease gone.
// Started with: node --import ./scripts/register-ts.js test/support/filing-child.ts
import { appendFile, readFile } from 'node:fs/promises';
import { SNAPSHOT_CATALOG } from '../../shared/catalog/model-catalog.ts';
import { createApimartClient } from '../../electron/services/apimart/apimart-client.ts';
import { resolveAppPaths } from '../../electron/services/app-paths.ts';
import { createImageService } from '../../electron/services/images/image-service.ts';
import { openUploadCache } from '../../electron/services/images/upload-cache.ts';
import { createJobRunner } from '../../electron/services/jobs/job-runner.ts';
import { writeVideoRecord } from '../../electron/services/media/video-record-io.ts';
import { openSettingsStore } from '../../electron/services/settings/settings-store.ts';
import { openJobStore } from '../../electron/services/storage/job-store.ts';
import { createTestLibraryHost } from './test-library-host.ts';

const env = process.env;
const paths = resolveAppPaths(env['REELBENCH_DATA_DIR'] ?? '');
const settings = await openSettingsStore(paths.settingsFile);
const { host: library } = createTestLibraryHost(paths, settings, 'app://reelbench');
await library.open();

/** The movie box of an MP4, appended again at its end: the state a record write leaves halfway through. */
async function appendMovieBoxAgain(file: string): Promise<void> {
  const bytes = await readFile(file);
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'moov') {
      await appendFile(file, bytes.subarray(at, at + size));
      return;
    }
    if (size < 8) return;
    at += size;
  }
}

const runner = createJobRunner({
  store: openJobStore(paths.jobsFile),
  client: () =>
    createApimartClient({
      fetch: (url, init) => fetch(url, init),
      baseUrl: env['REELBENCH_BASE_URL'] ?? '',
      keySource: { read: async () => env['REELBENCH_TEST_KEY'] ?? null },
    }),
  images: createImageService({ cacheDir: paths.cacheDir }),
  uploadCache: () => openUploadCache(paths.uploadCacheFile),
  library: async () => {
    await library.reconciled();
    return library.current();
  },
  concurrency: () => 1,
  pricePerSecond: () => null,
  models: () => SNAPSHOT_CATALOG,
  pollFloorMs: 20,
  pollCeilingMs: 100,
  leaseMs: Number(env['REELBENCH_LEASE_MS']),
  adopt: false,
  recordVideo: async (file, record) => {
    await appendMovieBoxAgain(file);
    process.stdout.write('paused-in-record\n');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    try {
      await writeVideoRecord(file, record);
    } finally {
      // Written into its own file, or failed because whoever took over has cleaned that file away.
      process.stdout.write('record-done\n');
    }
  },
});
runner.start();
const job = runner.enqueue({ prompt: 'a red fox in snow', model: 'sora-2-preview', params: { duration: 4 } });
process.stdout.write(`job ${job.id}\n`);
await runner.settled(job.id).catch(() => undefined);
