import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { setupRunner, type RunnerSetup } from '../../support/runner-setup';

let setup: RunnerSetup;
afterEach(async () => {
  await setup.close();
});

const request = { prompt: 'a paper boat on a canal', model: 'sora-2-preview', params: { duration: 4 } };

describe('the queue as the user handles it', () => {
  it('is idle at once with nothing to run, and only once every job it may run has ended', async () => {
    setup = await setupRunner();
    await setup.runner.idle();
    const job = setup.runner.enqueue(request);
    await setup.runner.idle();
    expect(setup.runner.get(job.id).phase).toBe('done');
  });

  it('stops downloading a job the moment it is cancelled, and leaves nothing of it in the downloads folder', async () => {
    setup = await setupRunner({ videoPayload: Buffer.alloc(4_000_000, 7), videoChunkDelayMs: 30 });
    const job = setup.runner.enqueue(request);
    await eventually(
      () => setup.events.some((event) => event.id === job.id && event.progress > 0 && event.phase === 'downloading'),
      'the download to start',
    );
    setup.runner.cancel(job.id);
    await setup.runner.settled(job.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = setup.fake.videoBytesSent();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The connection is closed: the fake sends nothing more (it would need two seconds to send it all).
    expect(setup.fake.videoBytesSent()).toBe(sent);
    expect(sent).toBeLessThan(4_000_000);
    const folder = path.join(setup.library.current().root, '.reelbench-downloads');
    await eventually(
      async () => (await readdir(folder).catch(() => [])).every((name) => !name.startsWith(job.id)),
      'the partial download removed',
    );
  });

  // With the real clock, and with one instant for both processes (the record's time does not move when it is hidden
  // in the same millisecond as its last change: only its hidden mark differs).
  it.each([
    ['as time goes on', undefined],
    ['in the same millisecond as its last change', () => Date.parse('2026-12-07T12:00:00Z')],
  ])('hides a job from every process watching the queue, not only the one that hid it (%s)', async (_when, now) => {
    setup = await setupRunner({ estimatedSeconds: 3_000 }, now ? { now } : {});
    const other = setup.beside({ adopt: false, watchMs: 50, ...(now ? { now } : {}) });
    other.start();
    const job = setup.runner.enqueue(request);
    setup.runner.cancel(job.id);
    await setup.runner.settled(job.id);
    await eventually(() => other.list().some((seen) => seen.id === job.id), 'the other process to see the job');
    setup.runner.hide(job.id);
    await eventually(() => !other.list().some((seen) => seen.id === job.id), 'the other process to hide it too');
  });

  it('retries a failed job as a new one with the same request; a running or finished job is not retried', async () => {
    setup = await setupRunner();
    setup.fake.failNextTask('The render node ran out of memory');
    const failed = await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(failed.phase).toBe('failed');
    const retried = setup.runner.retry(failed.id);
    expect(retried.id).not.toBe(failed.id);
    expect(retried).toMatchObject({ phase: 'queued', request: { prompt: request.prompt } });
    expect(() => setup.runner.retry(retried.id)).toThrow(/Only a job that failed, expired/);
    const done = await setup.runner.settled(retried.id);
    expect(done.phase).toBe('done');
    expect(() => setup.runner.retry(done.id)).toThrow(expect.objectContaining({ code: 'invalidInput' }));
    // A finished job is settled at once, however often it is asked.
    expect((await setup.runner.settled(done.id)).phase).toBe('done');
  });

  it('hides a finished job from the list (kept in the ledger and after a restart), never a running one', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_000 });
    const running = setup.runner.enqueue(request);
    expect(() => setup.runner.hide(running.id)).toThrow(/Cancel the job before hiding it/);
    // A refusal of what the user asked (the window words it as such), not a failure of the app.
    expect(() => setup.runner.hide(running.id)).toThrow(expect.objectContaining({ code: 'invalidInput' }));
    setup.runner.cancel(running.id);
    await setup.runner.settled(running.id);
    setup.runner.hide(running.id);
    expect(setup.runner.list().map((job) => job.id)).not.toContain(running.id);
    expect(setup.runner.get(running.id).phase).toBe('cancelled');
    const restarted = await setup.restart();
    expect(restarted.list().map((job) => job.id)).not.toContain(running.id);
  });

  it('answers "not found" for a job it does not know, whatever is asked', async () => {
    setup = await setupRunner();
    const unknown = 'a3f0c1de-0000-4000-8000-000000000000';
    for (const ask of [
      () => setup.runner.get(unknown),
      () => setup.runner.cancel(unknown),
      () => setup.runner.retry(unknown),
      () => setup.runner.hide(unknown),
      () => setup.runner.settled(unknown),
    ])
      expect(ask).toThrow(expect.objectContaining({ code: 'notFound', message: 'This job no longer exists.' }));
  });

  it('refuses a request the model cannot take before any job exists', async () => {
    setup = await setupRunner();
    expect(() => setup.runner.enqueue({ ...request, params: { duration: 7 } })).toThrow(/duration/);
    expect(setup.runner.list()).toEqual([]);
    await setup.runner.idle();
    expect(setup.fake.count('generate', 'POST')).toBe(0);
  });

  it('sends queued jobs oldest first when a slot frees up', async () => {
    setup = await setupRunner({ estimatedSeconds: 3_000 }, { concurrency: () => 1 });
    const blocker = setup.runner.enqueue({ ...request, prompt: 'holds the only slot' });
    await eventually(() => setup.runner.get(blocker.id).phase === 'polling', 'the slot to be taken');
    const ids: string[] = [];
    for (const prompt of ['first', 'second', 'third']) {
      ids.push(setup.runner.enqueue({ ...request, prompt }).id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    setup.runner.cancel(blocker.id);
    await eventually(() => ids.some((id) => setup.runner.get(id).phase === 'polling'), 'the slot to be taken again');
    expect(ids.map((id) => setup.runner.get(id).phase)).toEqual(['polling', 'queued', 'queued']);
    for (const id of ids) setup.runner.cancel(id);
  });

  it('shows download progress as it goes, below 100 until the video is in', async () => {
    setup = await setupRunner({ videoPayload: Buffer.alloc(2_000_000, 1), videoChunkDelayMs: 20 });
    const began = Date.now();
    const job = setup.runner.enqueue(request);
    await setup.runner.settled(job.id);
    const downloading = setup.events.filter((event) => event.id === job.id && event.phase === 'downloading');
    const shown = downloading.map((event) => event.progress).filter((progress) => progress > 0);
    expect(shown.length).toBeGreaterThan(1);
    expect(Math.min(...shown)).toBeLessThan(90);
    expect(Math.max(...shown)).toBeLessThanOrEqual(99);
    // At most one progress event a quarter second (the window redraws on each).
    expect(shown.length).toBeLessThanOrEqual(2 + (Date.now() - began) / 250);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
  });

  it("counts today's billed seconds in its usage", async () => {
    setup = await setupRunner({}, { pricePerSecond: () => 0.1 });
    await setup.runner.settled(setup.runner.enqueue(request).id);
    expect(setup.runner.usage().today).toMatchObject({ jobs: 1, seconds: 4, estimate: 0.4 });
  });

  it('tries a waiting job again at once when nudged', async () => {
    setup = await setupRunner();
    setup.fake.inject('generate', { kind: 'drop' }, 1);
    const job = setup.runner.enqueue(request);
    await eventually(() => setup.runner.get(job.id).waiting === 'network', 'the job to wait for the network');
    setup.runner.nudge();
    await eventually(() => setup.runner.get(job.id).waiting === null, 'the job to go on', 2_000);
    expect((await setup.runner.settled(job.id)).phase).toBe('done');
  });
});
