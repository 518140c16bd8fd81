import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createApimartClient,
  type ApimartClient,
  type ApimartClientDeps,
} from '../../electron/services/apimart/apimart-client';
import { startFakeApimart, type FakeApimart, type FakeApimartOptions } from '../fake-apimart/fake-server.ts';
import { createRecordingLogger, type RecordingLogger } from './recording-logger';

/** A fake APIMart and a client pointed at it, with waits recorded instead of slept. */
export interface ApimartSetup {
  readonly fake: FakeApimart;
  readonly client: ApimartClient;
  readonly sleeps: number[];
  readonly logger: RecordingLogger;
  readonly dir: string;
  /** The key the client sends; change it to test per-call reads. */
  key: string | null;
  close(): Promise<void>;
}

/** Starts both; `clientOptions` override the client's dependencies. */
export async function setupApimart(
  fakeOptions: FakeApimartOptions = {},
  clientOptions: Partial<ApimartClientDeps> = {},
): Promise<ApimartSetup> {
  const fake = await startFakeApimart(fakeOptions);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-apimart-'));
  const sleeps: number[] = [];
  const logger = createRecordingLogger();
  const setup: ApimartSetup = {
    fake,
    sleeps,
    logger,
    dir,
    key: fake.apiKey,
    client: undefined as unknown as ApimartClient,
    close: async () => {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  (setup as { client: ApimartClient }).client = createApimartClient({
    fetch: (url, init) => fetch(url, init),
    baseUrl: fake.baseUrl,
    keySource: { read: async () => setup.key },
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    random: () => 0.5,
    now: () => fake.clock.now(),
    logger,
    timeoutMs: 2_000,
    ...clientOptions,
  });
  return setup;
}
