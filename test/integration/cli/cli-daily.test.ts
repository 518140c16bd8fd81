import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { eventually } from '../../support/eventually';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

const generate = (prompt: string, ...more: string[]) => ['generate', '--prompt', prompt, '--duration', '4', ...more];
const jobsJson = async () =>
  JSON.parse((await cli.reelbench(['jobs', '--json']).done).stdout) as {
    jobs: { id: string; phase: string; request: { prompt: string } }[];
  };

describe('the CLI as a daily tool', () => {
  it('`jobs` says why a job failed, in words', async () => {
    (await cli.startFake()).failNextTask('Rejected by the safety system');
    const failed = await cli.reelbench(generate('A kite over the dunes')).done;
    expect(failed.code).toBe(1);
    const jobs = await cli.reelbench(['jobs']).done;
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(jobs.stdout).not.toContain('[object Object]');
    expect(jobs.stdout).toMatch(/failed[^\n]*A kite over the dunes\n\s+\S.*safety/i);
  });

  it('says money one way, with its currency and without float drift: balance, usage and models', async () => {
    await cli.startFake({ balance: 100, pricePerSecond: 0.1 });
    for (const prompt of ['A kite over the dunes', 'A lantern in the fog', 'A fox in the snow']) {
      const made = await cli.reelbench(generate(prompt)).done;
      expect(made.code, made.stderr).toBe(0);
    }
    const balance = await cli.reelbench(['balance']).done;
    expect(balance.stdout.trim()).toMatch(/^Balance: \$\d+\.\d\d \(used \$\d+\.\d\d\)\.$/);
    const asJson = JSON.parse((await cli.reelbench(['balance', '--json']).done).stdout) as { remaining: number };
    expect(String(asJson.remaining)).toMatch(/^\d+(\.\d{1,6})?$/);
    const usage = await cli.reelbench(['usage']).done;
    expect(usage.stdout).toMatch(/^Today: 3 jobs, 12 s billed, cost \$\d+\.\d\d\./m);
    const models = await cli.reelbench(['models']).done;
    expect(models.stdout).toMatch(/\$0\.\d{2,4}\/s/);
    expect(`${balance.stdout}${usage.stdout}${models.stdout}`).not.toMatch(/\d\.\d{5,}|[^$\d]0\.08\/s/);
  });

  it('reads paths from the folder the command was typed in, also through `npm run -s cli`, and names the path it tried', async () => {
    const here = path.join(cli.dir, 'elsewhere');
    await mkdir(here);
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#336699' } })
      .jpeg()
      .toFile(path.join(here, 'ref.jpg'));
    const env = {
      ...process.env,
      REELBENCH_DATA_DIR: path.join(cli.dir, 'data'),
      REELBENCH_LIBRARY_DIR: path.join(cli.dir, 'library'),
    };
    const npm = (...args: string[]) =>
      run('npm', ['--prefix', root, 'run', '-s', 'cli', '--', ...args], { cwd: here, env }).then(
        (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
        (failed: { code: number; stdout: string; stderr: string }) => failed,
      );
    const prepared = await npm(
      'prep-image',
      'ref.jpg',
      '--model',
      'veo3.1-fast-official',
      '--aspect',
      '16:9',
      '--out',
      'ready.jpg',
      '--json',
    );
    expect(prepared.code, prepared.stderr).toBe(0);
    // -s keeps npm's banner out: the output is one JSON object.
    expect(JSON.parse(prepared.stdout)).toMatchObject({ ok: true, output: path.join(here, 'ready.jpg') });
    const missing = await npm(
      'prep-image',
      'nope.jpg',
      '--model',
      'veo3.1-fast-official',
      '--aspect',
      '16:9',
      '--out',
      'x.jpg',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no file at ${path.join(here, 'nope.jpg')}.`);
  });

  it('`library meta` says what is true: missing, a folder, not a video', async () => {
    await writeFile(path.join(cli.dir, 'notes.txt'), 'not a video');
    const meta = (file: string) => cli.reelbench(['library', 'meta', file]).done;
    const missing = await meta(path.join(cli.dir, 'gone.mp4'));
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining(`There is no file at ${path.join(cli.dir, 'gone.mp4')}.`),
    ]);
    const folder = await meta(cli.dir);
    expect([folder.code, folder.stderr]).toEqual([1, expect.stringContaining(`${cli.dir} is a folder, not a file.`)]);
    const text = await meta(path.join(cli.dir, 'notes.txt'));
    expect([text.code, text.stderr]).toEqual([1, expect.stringContaining('is not a video Reelbench can read')]);
    expect(`${missing.stderr}${folder.stderr}${text.stderr}`).not.toContain('any more');
  });

  it('without a keyring (a server, SSH, a container), says to start one or to set REELBENCH_API_KEY, which then works', async () => {
    await cli.startFake();
    const noKeyring = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', REELBENCH_API_KEY: undefined };
    for (const command of [['key', 'status'], ['key', 'clear'], ['balance']]) {
      const run = await cli.reelbench(command, noKeyring).done;
      expect(run.code, command.join(' ')).toBe(1);
      expect(run.stderr).toContain('REELBENCH_API_KEY');
      expect(run.stderr).toContain('GNOME Keyring');
      expect(run.stderr).not.toContain('Install and start');
    }
    const withKey = await cli.reelbench(['balance'], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }).done;
    expect(withKey.code, withKey.stderr).toBe(0);
  });

  it('says one true thing where it used to contradict itself, and refuses values that disagree', async () => {
    await cli.startFake({ retired: ['kling-v3'] });
    const image = path.join(cli.dir, 'frame.jpg');
    await sharp({ create: { width: 640, height: 360, channels: 3, background: '#336699' } })
      .jpeg()
      .toFile(image);
    const lastOnly = await cli.reelbench(['generate', '--model', 'wan2.6', '--prompt', 'A fox', '--last-frame', image])
      .done;
    expect(lastOnly.code).toBe(1);
    expect(lastOnly.stderr).toContain('Wan 2.6 takes no last-frame image.');
    expect(lastOnly.stderr).not.toContain('only together with a first frame');

    const twice = await cli.reelbench(generate('A fox', '--model', 'wan2.6', '--set', 'duration=10')).done;
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('--duration 4 and --set duration=10 disagree; give one of them.');
    expect(cli.fake?.count('generate', 'POST')).toBe(0);

    const negative = await cli.reelbench(['config', 'set', 'price.kling-v3', '-1']).done;
    expect(negative.code).toBe(1);
    expect(negative.stderr).toContain('price.kling-v3 takes a price per second such as 0.08 (or "none"), not "-1".');

    const help = await cli.reelbench(['help']).done;
    expect(help.stdout).toMatch(/^ {2}1 {4}refused or failed: an unknown model, something not found, a bad value/m);
    expect(help.stdout).toMatch(/^ {2}2 {4}a usage error: an unknown command or option, a missing argument$/m);
    expect(help.stdout).toMatch(
      /veo3\.1-fast-official +Veo 3\.1 Fast \(default until you use another; then the last one used\)/,
    );

    const retired = await cli.reelbench(generate('A fox', '--model', 'kling-v3')).done;
    expect(retired.code).toBe(1);
    expect(retired.stderr).not.toContain('models show kling-v3');
    expect(retired.stderr).toContain('`reelbench models` lists what APIMart offers today');
  });

  it('cancels one job by the start of its id: one never sent, one running in another process, one APIMart accepted', async () => {
    // Not sent: no balance for it, so it waits before the billed request.
    await cli.startFake({ balance: 0, estimatedSeconds: 3_000 });
    const unsent = await cli.reelbench(generate('A kite that never flies', '--timeout', '2')).done;
    expect(unsent.code).toBe(1);
    const [waiting] = (await jobsJson()).jobs;
    const unsentCancel = await cli.reelbench(['jobs', 'cancel', waiting?.id.slice(0, 6) ?? '?']).done;
    expect(unsentCancel.code, unsentCancel.stderr).toBe(0);
    expect(unsentCancel.stdout).toContain('is cancelled before it reached APIMart: nothing was charged.');
    expect(cli.fake?.count('generate', 'POST')).toBe(0);

    // Running in another process (a `generate` still watching it), cancelled from here: that process stops too.
    cli.fake?.setBalance(100);
    const watching = cli.reelbench(generate('A lantern in the fog'));
    let runningId = '';
    await eventually(async () => {
      runningId = (await jobsJson()).jobs.find((candidate) => candidate.phase === 'polling')?.id ?? '';
      return runningId !== '';
    }, 'the job to be generating at APIMart');
    const runningCancel = await cli.reelbench(['jobs', 'cancel', runningId.slice(0, 8)]).done;
    expect(runningCancel.code, runningCancel.stderr).toBe(0);
    expect(runningCancel.stdout).toMatch(
      /is cancelled\. APIMart had already accepted it: its 4 s are charged \(\$\d+\.\d+\)/,
    );
    const stopped = await watching.done;
    expect(stopped.code).toBe(1);

    // Accepted and left (after --timeout), cancelled later; an ended job is not cancelled again, nor resumed.
    const kept = await cli.reelbench(generate('A fox in the snow', '--timeout', '1')).done;
    expect(kept.code).toBe(1);
    const left = (await jobsJson()).jobs.find((job) => job.request.prompt === 'A fox in the snow');
    const keptCancel = await cli.reelbench(['jobs', 'cancel', left?.id ?? '?', '--json']).done;
    expect(JSON.parse(keptCancel.stdout)).toMatchObject({ ok: true, job: { phase: 'cancelled' } });
    const again = await cli.reelbench(['jobs', 'cancel', left?.id.slice(0, 8) ?? '?']).done;
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('has already ended (cancelled)')]);
    const unknown = await cli.reelbench(['jobs', 'cancel', 'ffffffff']).done;
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining('No job has an id starting with "ffffffff"'),
    ]);
    expect(cli.fake?.count('generate', 'POST')).toBe(2);
  }, 60_000);

  it('resumes only the jobs named, and hides an ended one', async () => {
    await cli.startFake({ estimatedSeconds: 600 });
    for (const prompt of ['First kept job', 'Second kept job']) {
      const left = cli.reelbench(generate(prompt));
      await eventually(
        async () => (await jobsJson()).jobs.some((job) => job.request.prompt === prompt && job.phase === 'polling'),
        `"${prompt}" to be generating at APIMart`,
      );
      left.child.kill('SIGKILL');
      await left.done;
    }
    const jobs = (await jobsJson()).jobs;
    const first = jobs.find((job) => job.request.prompt === 'First kept job');
    const resumed = await cli.reelbench(['jobs', 'resume', first?.id.slice(0, 8) ?? '?', '--json']).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, jobs: [{ id: first?.id, phase: 'done' }] });
    const after = (await jobsJson()).jobs;
    expect(after.find((job) => job.request.prompt === 'Second kept job')?.phase).toBe('polling');

    const hideRunning = await cli.reelbench(['jobs', 'hide', after.find((job) => job.phase === 'polling')?.id ?? '?'])
      .done;
    expect([hideRunning.code, hideRunning.stderr]).toEqual([
      1,
      expect.stringContaining('Cancel the job before hiding it.'),
    ]);
    const hidden = await cli.reelbench(['jobs', 'hide', first?.id.slice(0, 8) ?? '?']).done;
    expect(hidden.stdout).toContain('is hidden from the list; its video stays in the library.');
    expect((await jobsJson()).jobs.map((job) => job.request.prompt)).toEqual(['Second kept job']);
  }, 60_000);

  it('`jobs resume` does not repeat what an earlier run saw: a job that waited for another address just carries on', async () => {
    const fake = await cli.startFake();
    // Port 9 (discard) is closed here and privileged: no test's server can take it (a port found free a moment ago
    // could be taken by another worker's server, which then accepts the billed request and keeps it waiting).
    const closed = 'http://127.0.0.1:9';
    const first = await cli.reelbench(generate('A fox', '--timeout', '3'), { REELBENCH_BASE_URL: closed }).done;
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`APIMart (${new URL(closed).host}) cannot be reached`);
    const resumed = await cli.reelbench(['jobs', 'resume']).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).not.toContain('cannot be reached');
    expect(resumed.stderr).toContain('Saving it to the library');
    expect(fake.count('generate', 'POST')).toBe(1);
  }, 30_000);

  it('Ctrl+C ends the command within two seconds even while APIMart sits on the billed request; resume bills it once', async () => {
    const fake = await cli.startFake();
    // Accepted and answered never (twice: the first try and the runner's own retry).
    fake.inject('generate', { kind: 'hangAfterWork' }, 2);
    const run = cli.reelbench(generate('A fox that waits'));
    await eventually(() => run.stderr().includes('Sending the job'), 'the billed request to be sent');
    await eventually(() => fake.tasks.size === 1, 'APIMart to have taken the job');
    const pressed = Date.now();
    run.child.kill('SIGINT');
    const stopped = await run.done;
    // Generous for a loaded machine; before, it was a minute.
    expect(Date.now() - pressed).toBeLessThan(4_000);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('the job is kept as sent, answer unknown');
    const resumed = await cli.reelbench(['jobs', 'resume', '--json']).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, jobs: [{ phase: 'done' }] });
    expect(fake.tasks.size).toBe(1);
  }, 60_000);

  it('makes a storyboard, generates it and exports the film entirely from the CLI', async () => {
    const fake = await cli.startFake({ pricePerSecond: 0.08 });
    const empty = await cli.reelbench(['board', 'list']).done;
    expect(empty.stdout).toContain('`reelbench board new TITLE` makes one');
    const made = await cli.reelbench(['board', 'new', 'The fox film']).done;
    expect(made.code, made.stderr).toBe(0);
    const id = made.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const first = await cli.reelbench(['board', 'add', id.slice(0, 8), '--prompt', 'A fox wakes', '--duration', '4'])
      .done;
    expect([first.code, first.stdout]).toEqual([0, expect.stringContaining('Shot 1 added to "The fox film"')]);
    const refused = await cli.reelbench(['board', 'add', id, '--prompt', 'A fox runs', '--duration', '7']).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('duration');
    const second = await cli.reelbench(['board', 'add', id, '--prompt', 'A fox runs', '--duration', '6', '--json'])
      .done;
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, shot: { index: 2 } });

    const early = await cli.reelbench(['board', 'export', id, '--out', path.join(cli.dir, 'film.mp4')]).done;
    expect([early.code, early.stderr]).toEqual([1, expect.stringContaining('`reelbench board generate ID`')]);

    const generated = await cli.reelbench(['board', 'generate', id]).done;
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toMatch(/Shot 1: 4 s, veo3\.1-fast-official, \$0\.32\./);
    expect(generated.stderr).toMatch(/2 shots will be sent to APIMart and billed: \$0\.80 in all\./);
    expect(generated.stdout.trim().split('\n')).toHaveLength(2);
    expect(fake.count('generate', 'POST')).toBe(2);

    const again = await cli.reelbench(['board', 'generate', id, '--shot', '3']).done;
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringContaining('--shot takes a shot number from 1 to 2, not "3"'),
    ]);

    const film = path.join(cli.dir, 'film.mp4');
    const exported = await cli.reelbench(['board', 'export', id, '--out', film]).done;
    expect(exported.code, exported.stderr).toBe(0);
    const meta = await cli.reelbench(['library', 'meta', film, '--json']).done;
    expect(JSON.parse(meta.stdout)).toMatchObject({ ok: true, duration: expect.any(Number) });
  }, 90_000);

  it("lists every option a command's help explains in that command's usage line", async () => {
    const help = (await cli.reelbench(['help']).done).stdout.split('\n');
    const blocks: { usage: string; options: string[] }[] = [];
    for (const line of help) {
      if (line.startsWith('  reelbench ')) blocks.push({ usage: line, options: [] });
      const option = /^ {8}(--[\w-]+)/.exec(line)?.[1];
      if (option) blocks.at(-1)?.options.push(option);
    }
    expect(blocks.length).toBeGreaterThan(15);
    const missing = blocks.flatMap(({ usage, options }) =>
      options
        .filter((option) => !usage.includes(`${option} `) && !usage.includes(`${option}]`))
        .map((option) => `${option} in ${usage}`),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    [['generate', '--promt', 'A fox'], 2, '`generate` has no option --promt. Did you mean --prompt?'],
    [['gnerate', '--prompt', 'A fox'], 2, 'there is no command "gnerate". Did you mean generate?'],
    [
      ['generate', '--prompt', 'A fox', '--model', 'kling-3'],
      1,
      'There is no video model "kling-3". Did you mean kling-v3?',
    ],
    [['config', 'set', 'jobs-at-onse', '2'], 1, 'there is no setting "jobs-at-onse". Did you mean jobs-at-once?'],
    [['board', 'add', 'x', '--promt', 'A fox'], 2, '`board` has no option --promt. Did you mean --prompt?'],
  ])('suggests what %j was meant to be', async (args, code, message) => {
    await cli.startFake();
    const run = await cli.reelbench(args).done;
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });

  it('suggests nothing when nothing is close', async () => {
    const run = await cli.reelbench(['generate', '--prompt', 'A fox', '--zzzzzz']).done;
    expect(run.stderr).toContain('`generate` has no option --zzzzzz.\n');
  });

  it('cancels a queued job (one that waits for a free slot) from another process: nothing is sent for it', async () => {
    const fake = await cli.startFake({ estimatedSeconds: 600 });
    expect((await cli.reelbench(['config', 'set', 'jobs-at-once', '1']).done).code).toBe(0);
    const id = (await cli.reelbench(['board', 'new', 'Two shots, one slot']).done).stdout.trim();
    for (const prompt of ['The first shot', 'The second shot'])
      expect((await cli.reelbench(['board', 'add', id, '--prompt', prompt, '--duration', '4']).done).code).toBe(0);
    const generating = cli.reelbench(['board', 'generate', id]);
    let queuedId = '';
    await eventually(async () => {
      const jobs = (await jobsJson()).jobs;
      queuedId = jobs.find((job) => job.phase === 'queued')?.id ?? '';
      return queuedId !== '' && jobs.some((job) => job.phase === 'polling');
    }, 'one shot generating and the other queued');
    const cancelled = await cli.reelbench(['jobs', 'cancel', queuedId.slice(0, 8)]).done;
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain('is cancelled before it reached APIMart: nothing was charged.');
    const finished = await generating.done;
    expect(finished.code).toBe(1);
    expect(finished.stdout.trim().split('\n')).toHaveLength(1);
    expect(fake.count('generate', 'POST')).toBe(1);
  }, 60_000);
});
