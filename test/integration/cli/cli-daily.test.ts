import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
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
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--duration 4 and --set duration=10 disagree; give one of them.');
    expect(cli.fake?.count('generate', 'POST')).toBe(0);

    const negative = await cli.reelbench(['config', 'set', 'price.kling-v3', '-1']).done;
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('price.kling-v3 takes a price per second such as 0.08 (or "none"), not "-1".');

    const help = await cli.reelbench(['help']).done;
    expect(help.stdout).toMatch(
      /veo3\.1-fast-official +Veo 3\.1 Fast \(default until you use another; then the last one used\)/,
    );

    const retired = await cli.reelbench(generate('A fox', '--model', 'kling-v3')).done;
    expect(retired.code).toBe(1);
    expect(retired.stderr).not.toContain('models show kling-v3');
    expect(retired.stderr).toContain('`reelbench models` lists what APIMart offers today');
  });
});
