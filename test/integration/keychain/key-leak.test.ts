import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../../support/eventually';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeytar } from '../../../electron/services/keychain/load-keytar';
import { createFileLogger, createRedactor } from '../../../electron/services/logging/logger';
import { startFakeApimart, type FakeApimart } from '../../fake-apimart/fake-server.ts';
import { countFiles, filesContaining } from '../../support/find-in-tree';
import { keychainGate } from '../../support/keychain-probe';
import { setupServices, type ServicesSetup } from '../../support/main-services-setup';

const gate = await keychainGate();
if (gate.failure) throw new Error(gate.failure);

// Distinctive enough that any occurrence anywhere is this key and nothing else.
const CANARY = `sk-LEAKCANARY-${randomBytes(16).toString('hex')}`;
let fake: FakeApimart;
let app: ServicesSetup;
let libraryDir: string;

beforeAll(async () => {
  if (gate.skip) return;
  fake = await startFakeApimart({ apiKey: CANARY, estimatedSeconds: 5 });
  app = await setupServices(fake.baseUrl);
  libraryDir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-leak-library-'));

  // Set and test the key through IPC, as the settings screen does.
  await app.call('key.set', { value: CANARY });
  await app.call('key.status');
  // The server echoes the key in errors: a 503 on the first balance check, a refused generation.
  fake.inject('balance', { kind: 'status', status: 503, body: { error: { message: `upstream rejected ${CANARY}` } } });
  await app.call('key.test');
  // A refusal whose message reaches the window: it quotes the server, which quoted the key.
  fake.inject('balance', {
    kind: 'status',
    status: 400,
    body: { success: false, message: `no such account ${CANARY}` },
  });
  await app.call('key.test');
  await app.call('settings.get');
  await app.call('app.info');

  // A whole generation with the client the app uses, its failures logged as the job pipeline will log them.
  const client = app.services.apimart();
  const logger = createFileLogger(
    app.paths.logFile,
    createRedactor(() => app.keyStore.secretsForRedaction()),
  );
  fake.inject('generate', { kind: 'status', status: 400, body: { code: 400, message: `bad request for ${CANARY}` } });
  await client.createVideo({ model: 'sora-2-preview', prompt: 'a leak test' }).catch((error: unknown) => {
    logger.error('job failed', { error, detail: (error as { detail?: unknown }).detail });
  });
  const { taskId } = await client.createVideo({ model: 'sora-2-preview', prompt: 'a leak test, again' });
  fake.clock.advance(6_000);
  const task = await client.getTask(taskId);
  if (task.status !== 'completed') throw new Error(`task is ${task.status}`);
  const video = path.join(libraryDir, 'leak-test.mp4');
  await client.download(task.video.url, video, { expiresAt: task.video.expiresAt });
  await writeFile(`${video}.json`, JSON.stringify({ task, prompt: 'a leak test, again' }, null, 2));
  logger.info('job done', { task });
  // The log is written asynchronously: wait until its last line is on disk.
  await eventually(
    async () => (await readFile(app.paths.logFile, 'utf8').catch(() => '')).includes('"job done"'),
    'the log to be written',
  );
});

afterAll(async () => {
  if (gate.skip) return;
  await app.close();
  await fake.close();
  await rm(libraryDir, { recursive: true, force: true });
});

describe.skipIf(gate.skip)('the API key never leaves the keychain', () => {
  it('is in the keychain (so the flow really used it)', async () => {
    await expect((await loadKeytar()).getPassword(app.keyService, 'apimart')).resolves.toBe(CANARY);
    expect(fake.requests.filter((request) => request.authorized).length).toBeGreaterThan(3);
  });

  it('is in no file of the app data folder (settings, logs, window state) nor the library', async () => {
    expect(await countFiles(app.paths.dataDir)).toBeGreaterThanOrEqual(2);
    expect(await countFiles(libraryDir)).toBe(2);
    expect(await filesContaining(app.paths.dataDir, CANARY)).toEqual([]);
    expect(await filesContaining(libraryDir, CANARY)).toEqual([]);
  });

  it('was redacted from the logs, which did record the echoed errors', async () => {
    const log = await readFile(app.paths.logFile, 'utf8');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(CANARY);
  });

  it('is in no IPC answer the window received', () => {
    expect(app.traffic.length).toBe(6);
    expect(app.traffic.some((answer) => answer.includes('no such account [redacted]'))).toBe(true);
    expect(app.traffic.some((answer) => answer.includes(CANARY.slice(-4)))).toBe(true); // the hint is allowed
    expect(app.traffic.filter((answer) => answer.includes(CANARY))).toEqual([]);
  });
});
