import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveTo } from '../../../electron/services/jobs/job-change';
import { createJobLeases, LeaseLostError, type JobLeases } from '../../../electron/services/jobs/job-leases';
import { isDatabaseBusy } from '../../../electron/services/storage/sqlite-busy';
import {
  newJobRecord,
  openJobStore,
  type JobRecord,
  type JobStore,
} from '../../../electron/services/storage/job-store';

// The store and the leases on a real jobs.sqlite, driven directly: who may write a job, when a lease passes to
// another process, and what the history and the cancel record.
const request = {
  prompt: 'a paper boat',
  model: 'veo3.1-fast',
  params: { duration: 8 },
  images: [],
  title: null,
  draftId: null,
  draftVersionId: null,
  extendsTaskId: null,
};

let dir: string;
let file: string;
let store: JobStore;
let clock: number;
const opened: JobStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-job-store-'));
  file = path.join(dir, 'data', 'jobs.sqlite');
  clock = Date.UTC(2026, 11, 7, 9);
  store = openJobStore(file);
  opened.push(store);
});
afterEach(async () => {
  for (const each of opened.splice(0)) each.close();
  await rm(dir, { recursive: true, force: true });
});

/** Another process on the same data folder: its own connection, its own owner id. */
function processNamed(owner: string, gone: readonly string[] = []): { store: JobStore; leases: JobLeases } {
  const own = openJobStore(file);
  opened.push(own);
  return {
    store: own,
    leases: createJobLeases({
      store: own,
      now: () => clock,
      leaseMs: 30_000,
      owner,
      ownerIsGone: (id) => gone.includes(id),
    }),
  };
}
const queued = (): JobRecord => newJobRecord({ ...request }, clock);

/** The error node:sqlite raises when another connection holds the write lock: made for real, then kept. */
function busyError(): unknown {
  const holder = new DatabaseSync(file);
  const waiter = new DatabaseSync(file);
  try {
    waiter.exec('PRAGMA busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    waiter.exec('BEGIN IMMEDIATE');
    return new Error('the database was not busy');
  } catch (error) {
    return error;
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
    waiter.close();
  }
}
const failed = (record: JobRecord) => moveTo(record, { phase: 'failed', error: { code: 'server', message: 'no' } });

describe('leases', () => {
  it('lets exactly one live process hold a job, and says who runs it', () => {
    const app = processNamed('app');
    const cli = processNamed('cli');
    const record = queued();
    app.leases.insert(record);
    expect(store.lease(record.job.id)).toEqual({ owner: 'app', until: clock + 30_000 });
    expect(app.leases.runBy(record.job.id)).toBe('here');
    expect(cli.leases.runBy(record.job.id)).toBe('elsewhere');
    expect(cli.leases.take(record.job.id)).toBe(false);
    expect(cli.leases.write({ ...record, job: { ...record.job, progress: 50 } })).toBe(false);
    expect(store.get(record.job.id)?.job.progress).toBe(0);

    // The holder extends its own lease; a lease that ran out is anyone's.
    clock += 10_000;
    expect(app.leases.take(record.job.id)).toBe(true);
    expect(store.lease(record.job.id)?.until).toBe(clock + 30_000);
    clock += 30_001;
    expect(cli.leases.runBy(record.job.id)).toBeNull();
    expect(cli.leases.take(record.job.id)).toBe(true);
    expect(app.leases.runBy(record.job.id)).toBe('elsewhere');
    expect(app.leases.write(record)).toBe(false);
  });

  it('takes a job over from a process that is gone at once, and writes that in its history', () => {
    const dead = processNamed('dead');
    const record = queued();
    dead.leases.insert(record);
    const alive = processNamed('alive', ['dead']);
    expect(alive.leases.runBy(record.job.id)).toBeNull();
    expect(alive.leases.take(record.job.id)).toBe(true);
    expect(store.lease(record.job.id)?.owner).toBe('alive');
    expect(store.history(record.job.id).map((line) => [line.by, line.detail])).toEqual([
      ['dead', null],
      ['alive', 'took over from dead'],
    ]);
    // The takeover is fenced on who held it: a lease taken by a third process in between is not taken from it.
    expect(store.takeOver(record.job.id, 'late', 'dead', clock)).toBe(false);
  });

  it('writes while held; a final phase frees the lease and nobody can take the job again', () => {
    const app = processNamed('app');
    const record = queued();
    app.leases.insert(record);
    expect(app.leases.write({ ...record, job: { ...record.job, progress: 40 } })).toBe(true);
    expect(store.lease(record.job.id)?.owner).toBe('app');
    expect(app.leases.write(failed(record))).toBe(true);
    expect(store.lease(record.job.id)).toBeNull();
    expect(app.leases.runBy(record.job.id)).toBeNull();
    expect(app.leases.take(record.job.id)).toBe(false);
    expect(processNamed('cli').leases.take(record.job.id)).toBe(false);
  });

  it('renews what it holds, hears of what another process took, and gives everything up when it stops', async () => {
    const app = createJobLeases({ store, now: () => Date.now(), leaseMs: 150, owner: 'app', ownerIsGone: () => false });
    const kept = queued();
    const taken = queued();
    app.insert(kept);
    app.insert(taken);
    const lost: string[][] = [];
    app.start((ids) => lost.push([...ids]));
    const firstUntil = store.lease(kept.job.id)?.until ?? 0;
    store.seize(failed(taken));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lost).toEqual([[taken.job.id]]);
    expect(store.lease(kept.job.id)?.until).toBeGreaterThan(firstUntil);
    app.stop();
    expect(store.lease(kept.job.id)).toBeNull();
    const untilAfterStop = store.lease(kept.job.id);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(store.lease(kept.job.id)).toEqual(untilAfterStop);
  });

  it('gives back, when it stops, every lease it took, took over or was given, and none it lost', async () => {
    const dead = processNamed('dead');
    const taken = queued();
    const takenOver = queued();
    const given = queued();
    const finished = queued();
    store.save(taken);
    dead.leases.insert(takenOver);
    const app = processNamed('app', ['dead']);
    app.leases.insert(given);
    app.leases.insert(finished);
    expect(app.leases.take(taken.job.id)).toBe(true);
    expect(app.leases.take(takenOver.job.id)).toBe(true);
    expect(app.leases.write(failed(finished))).toBe(true);
    // Lost to another process while this one was paused: its lease ran out and the CLI took the job.
    clock += 30_001;
    const cli = processNamed('cli');
    expect(cli.leases.take(given.job.id)).toBe(true);
    expect(app.leases.take(given.job.id)).toBe(false);

    app.leases.stop();
    expect(store.lease(taken.job.id)).toBeNull();
    expect(store.lease(takenOver.job.id)).toBeNull();
    expect(store.lease(given.job.id)?.owner).toBe('cli');
    // Still held at the very last millisecond of its lease.
    expect(app.leases.runBy(given.job.id)).toBe('elsewhere');
    clock = store.lease(given.job.id)?.until ?? 0;
    expect(app.leases.runBy(given.job.id)).toBe('elsewhere');
    expect(store.lease('no-such-job')).toBeNull();
  });

  it('reports a lost lease once, and nothing for jobs it let go of itself', async () => {
    const app = createJobLeases({ store, now: () => Date.now(), leaseMs: 150, owner: 'app', ownerIsGone: () => false });
    const refused = queued();
    const done = queued();
    const lost = queued();
    const kept = queued();
    const taken = queued();
    for (const record of [refused, done, lost, kept, taken]) app.insert(record);
    store.seize(refused);
    expect(app.write({ ...refused, job: { ...refused.job, progress: 5 } })).toBe(false);
    expect(app.write(failed(done))).toBe(true);
    expect(app.write({ ...lost, job: { ...lost.job, progress: 5 } })).toBe(true);
    // Taken by another process while this one looked away: its own take says so, and that is no news later.
    const cli = createJobLeases({ store, now: () => Date.now() + 60_000, owner: 'cli', ownerIsGone: () => false });
    expect(cli.take(taken.job.id)).toBe(true);
    expect(app.take(taken.job.id)).toBe(false);
    const heard: string[][] = [];
    // Started twice (a restart of the runner): still one timer.
    app.start((ids) => heard.push([...ids]));
    app.start((ids) => heard.push([...ids]));
    store.seize(lost);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(heard).toEqual([[lost.job.id]]);
    app.stop();
    expect(store.lease(kept.job.id)).toBeNull();
    // Started again after a stop, it holds nothing, so it hears of nothing.
    app.start((ids) => heard.push([...ids]));
    await new Promise((resolve) => setTimeout(resolve, 120));
    app.stop();
    expect(heard).toHaveLength(1);
  });

  it('renews a third of the way through a lease, with one timer, and rides out a database busy with another write', async () => {
    const counted = (leaseMs: number, busyFirst: boolean) => {
      let calls = 0;
      const counting: JobStore = {
        ...store,
        renew(owner, until) {
          calls += 1;
          if (busyFirst && calls === 1) throw busyError();
          return store.renew(owner, until);
        },
      };
      const leases = createJobLeases({
        store: counting,
        now: () => Date.now(),
        leaseMs,
        owner: 'app',
        ownerIsGone: () => false,
      });
      return { leases, calls: () => calls };
    };
    expect(isDatabaseBusy(busyError())).toBe(true);
    const quick = counted(150, true);
    const record = queued();
    quick.leases.insert(record);
    const before = store.lease(record.job.id)?.until ?? 0;
    quick.leases.start(() => undefined);
    quick.leases.start(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 280));
    quick.leases.stop();
    // Every 50 ms for 280 ms: about five rounds, the first of them refused as busy and tried again at the next.
    expect(quick.calls()).toBeGreaterThanOrEqual(3);
    expect(quick.calls()).toBeLessThanOrEqual(7);
    expect(store.get(record.job.id)).not.toBeNull();
    expect(before).toBeGreaterThan(0);

    const slow = counted(3_000, false);
    slow.leases.start(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.leases.stop();
    expect(slow.calls()).toBe(0);
  });

  it('names the job whose lease was lost', () => {
    expect(new LeaseLostError('job-1')).toMatchObject({
      name: 'LeaseLostError',
      jobId: 'job-1',
      message: 'The lease on job job-1 is held by another Reelbench process.',
    });
  });
});

describe('the job store', () => {
  it('reads back what it wrote, oldest first, and only what changed since a revision', () => {
    const first = queued();
    clock += 1_000;
    const second = queued();
    store.save(second);
    store.save(first);
    expect(store.all().map((record) => record.job.id)).toEqual([first.job.id, second.job.id]);
    const { revision } = store.changedSince(0);
    expect(revision).toBe(2);
    store.save({ ...first, job: { ...first.job, progress: 10 } });
    const changed = store.changedSince(revision);
    expect(changed.records.map((record) => [record.job.id, record.job.progress])).toEqual([[first.job.id, 10]]);
    expect(changed.revision).toBe(3);
    expect(store.changedSince(changed.revision).records).toEqual([]);
    expect(store.get('no-such-job')).toBeNull();
  });

  it('keeps one history line per change a reader cares about, naming the attempt and the filing', () => {
    const record = queued();
    store.save(record);
    store.save({ ...record, job: { ...record.job, progress: 30 } });
    const sending = { ...record, internals: { ...record.internals, submitAttemptAt: new Date(clock).toISOString() } };
    store.save(sending);
    store.save({ ...sending, internals: { ...sending.internals, filingAs: 'clips/boat' } });
    store.save(failed(record));
    expect(store.history(record.job.id).map((line) => [line.phase, line.detail, line.by])).toEqual([
      ['queued', null, `user@${process.pid}`],
      ['queued', 'sending', `user@${process.pid}`],
      ['queued', 'sending, filing as clips/boat', `user@${process.pid}`],
      ['failed', 'server', `user@${process.pid}`],
    ]);
  });

  it('moves a row that is not a job aside, with the reason, and reads on', () => {
    const good = queued();
    store.save(good);
    const db = new DatabaseSync(file);
    db.prepare(
      "INSERT INTO jobs (id, created_at, phase, record, rev) VALUES ('broken', '2026', 'queued', '{not json', 9)",
    ).run();
    db.prepare(
      "INSERT INTO jobs (id, created_at, phase, record, rev) VALUES ('odd', '2026', 'queued', '{\"job\":{}}', 10)",
    ).run();
    db.close();
    expect(store.all().map((record) => record.job.id)).toEqual([good.job.id]);
    const aside = store.quarantined();
    expect(aside.map((row) => row.id).sort()).toEqual(['broken', 'odd']);
    expect(aside.find((row) => row.id === 'broken')?.reason).toMatch(/^not JSON: /);
    expect(aside.find((row) => row.id === 'odd')?.reason).toMatch(/job\.\w+: /);
    expect(store.get('broken')).toBeNull();
    // Moved, not copied: the rows are gone from the jobs table, and no later read meets them.
    const check = new DatabaseSync(file);
    expect(check.prepare("SELECT count(*) AS n FROM jobs WHERE id IN ('broken', 'odd')").get()?.['n']).toBe(0);
    check.close();
    expect(aside.find((row) => row.id === 'odd')?.reason).toContain('; ');
  });

  it('lists, of what changed, only rows that are jobs', () => {
    store.save(queued());
    const db = new DatabaseSync(file);
    db.prepare(
      "INSERT INTO jobs (id, created_at, phase, record, rev) VALUES ('broken', '2026', 'queued', 'null', 9)",
    ).run();
    db.close();
    const { records } = store.changedSince(0);
    expect(records).toHaveLength(1);
    expect(records.every((record) => typeof record.job.id === 'string')).toBe(true);
    expect(store.quarantined().map((row) => row.id)).toEqual(['broken']);
  });

  it('opens a current file without waiting for the write lock; an older one is brought up to date, once', () => {
    store.save(queued());
    store.close();
    // An older Reelbench's file: no cancel column, no revision index.
    const old = new DatabaseSync(file);
    old.exec('DROP INDEX jobs_rev; ALTER TABLE jobs DROP COLUMN cancel_requested_at;');
    old.close();
    store = openJobStore(file);
    opened.push(store);
    const record = queued();
    const sending = { ...record, internals: { ...record.internals, submitAttemptAt: new Date(clock).toISOString() } };
    store.save(sending);
    expect(store.cancel(record.job.id, failed, 'now')?.job.cancelRequestedAt).toBe('now');
    store.close();

    // Another process in the middle of a write: opening must not need the lock it holds.
    const writer = new DatabaseSync(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      store = openJobStore(file);
      opened.push(store);
      expect(store.all()).toHaveLength(2);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('reads a cancel the record itself carries, and internals written before images were listed', () => {
    const record = queued();
    store.save({ ...record, job: { ...record.job, cancelRequestedAt: 'earlier' } });
    expect(store.get(record.job.id)?.job.cancelRequestedAt).toBe('earlier');
    const { images: _images, ...older } = record.internals;
    const db = new DatabaseSync(file);
    db.prepare('UPDATE jobs SET record = ? WHERE id = ?').run(
      JSON.stringify({ job: record.job, internals: older }),
      record.job.id,
    );
    db.close();
    expect(store.get(record.job.id)?.internals.images).toEqual([]);
  });

  it('records in the history what the lease holder wrote and what was taken from it', () => {
    const app = processNamed('app');
    const record = queued();
    app.leases.insert(record);
    app.leases.write({ ...record, internals: { ...record.internals, submitAttemptAt: new Date(clock).toISOString() } });
    store.seize(failed(record));
    expect(store.history(record.job.id).map((line) => [line.phase, line.detail, line.by])).toEqual([
      ['queued', null, 'app'],
      ['queued', 'sending', 'app'],
      ['failed', 'server', `user@${process.pid}`],
    ]);
  });

  it('can be closed more than once, and answers nothing after', () => {
    store.close();
    store.close();
    expect(() => store.get('any')).toThrow();
  });

  it('notices another connection’s commits', () => {
    const before = store.changeCounter();
    expect(store.changeCounter()).toBe(before);
    processNamed('cli').store.save(queued());
    expect(store.changeCounter()).not.toBe(before);
  });
});

describe('cancelling', () => {
  const cancel = (id: string) => store.cancel(id, failed, new Date(clock).toISOString());

  it('takes an unfinished job from whoever runs it; leaves a finished one as it was', () => {
    const app = processNamed('app');
    const record = queued();
    app.leases.insert(record);
    expect(cancel(record.job.id)?.job.phase).toBe('failed');
    expect(store.lease(record.job.id)).toBeNull();
    expect(app.leases.write(record)).toBe(false);
    expect(cancel(record.job.id)?.job.phase).toBe('failed');
    expect(store.history(record.job.id)).toHaveLength(2);
    expect(cancel('no-such-job')).toBeNull();
  });

  it('only asks, while a billed request is out without an answer; and is too late once filing began', () => {
    const record = queued();
    const sending = { ...record, internals: { ...record.internals, submitAttemptAt: new Date(clock).toISOString() } };
    store.save(sending);
    const asked = cancel(record.job.id);
    expect(asked?.job.phase).toBe('queued');
    expect(asked?.job.cancelRequestedAt).toBe(new Date(clock).toISOString());
    expect(store.history(record.job.id).at(-1)?.detail).toBe('cancel requested');
    // The runner's own writes carry no cancel, and do not undo the request.
    store.save(sending);
    expect(store.get(record.job.id)?.job.cancelRequestedAt).toBe(new Date(clock).toISOString());

    const filing = queued();
    store.save({ ...filing, internals: { ...filing.internals, filingAs: 'clips/boat' } });
    expect(cancel(filing.job.id)?.job.phase).toBe('queued');
    expect(store.history(filing.job.id).at(-1)?.detail).toBe('cancel too late: filing');
  });
});
