import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';
import { CLI } from '../../support/cli-runner';
import { eventually } from '../../support/eventually';

const WITH_TEST_KEYRING = path.resolve(import.meta.dirname, '../../../scripts/with-test-keyring.js');
let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

const jobsJson = async () =>
  JSON.parse((await cli.reelbench(['jobs', '--json']).done).stdout) as {
    jobs: { phase: string; watched: boolean; request: { prompt: string } }[];
  };

describe('reelbench help and usage errors', () => {
  it('lists every command with its options, and the model ids', async () => {
    const help = await cli.reelbench(['--help']).done;
    expect(help.code).toBe(0);
    for (const text of [
      'reelbench generate --prompt TEXT [--model ID]',
      'reelbench models [--refresh] [--json]',
      'reelbench models show ID',
      '--set NAME=VALUE',
      '--timeout S',
      'reelbench jobs resume',
      'reelbench config get',
      'price.MODEL',
      'reelbench prep-image FILE',
      'sora-2-preview',
      'kling-v3',
      'Veo 3.1 Fast (default until you use another; then the last one used): 4, 6 or 8 s; 16:9, 9:16.',
      'landscape and portrait are 16:9 and 9:16',
    ]) {
      expect(help.stdout).toContain(text);
    }
    const one = await cli.reelbench(['generate', '--help']).done;
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('--image FILE');
    expect(one.stdout).not.toContain('prep-image');
  });

  it.each([
    [['generate', '--prompt', 'x', '--set', 'seed'], '--set takes NAME=VALUE, not "seed".'],
    [['generate', '--prompt'], '--prompt needs a value.'],
    [['generate', '--prompt', 'x', '--loop'], '`generate` has no option --loop.'],
    [['generate', 'a fox'], '`generate` does not take "a fox".'],
    [['jobs', 'frobnicate'], 'jobs takes nothing, resume, cancel or hide, not "frobnicate".'],
    [['jobs', 'cancel'], 'jobs cancel takes one job id.'],
    [['frobnicate'], 'there is no command "frobnicate".'],
  ])('%j is a usage error: exits 2 with a plain sentence, in words or in JSON', async (args, message) => {
    const plain = await cli.reelbench(args).done;
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(`reelbench: ${message}`);
    expect(plain.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument|\n\s+at /);
    const json = await cli.reelbench([...args, '--json']).done;
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: 'usage', message: expect.stringContaining(message) },
    });
  });

  it.each([
    [['generate', '--prompt', 'x', '--duration', 'long'], '--duration takes a number of seconds, not "long".'],
    [['generate', '--prompt', 'x', '--timeout', 'soon'], '--timeout takes a number of seconds above 0, not "soon".'],
    [['config', 'set', 'colour', 'red'], 'there is no setting "colour".'],
    [['config', 'set', 'jobs-at-once', '0'], 'jobs-at-once takes a whole number from 1 to 10, not "0".'],
    [['library', 'list', '--limit', 'lots'], '--limit takes a whole number from 1 to 500, not "lots".'],
    [['jobs', 'resume', '--timeout', '-3'], '--timeout takes a number of seconds above 0, not "-3".'],
    [['board', 'export', 'abc', '--out', 'film.mp4'], 'There is no storyboard "abc".'],
  ])('%j is a refused value: exits 1, whichever command, in words or in JSON', async (args, message) => {
    const plain = await cli.reelbench(args).done;
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`reelbench: ${message}`);
    const json = await cli.reelbench([...args, '--json']).done;
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(invalidInput|notFound)$/), message: expect.stringContaining(message) },
    });
  });
});

describe('reelbench generate refuses what the model does not take, in one line, before anything is sent', () => {
  it.each([
    [
      ['--model', 'sora-9'],
      'There is no video model "sora-9". Choose one of: veo3.1-fast-official, veo3.1-quality-official,',
    ],
    [['--duration', '5'], "Veo 3.1 Fast's duration takes 4, 6 or 8, not 5."],
    [['--aspect', 'square'], 'Veo 3.1 Fast makes 16:9 or 9:16 videos, not square.'],
    [['--model', 'kling-v3', '--duration', '16'], "Kling 3's duration takes a whole number from 3 to 15, not 16."],
    [['--model', 'sora-2-preview', '--resolution', 'high'], 'Sora 2 has no resolution choice.'],
    [['--set', 'colour=red'], 'Veo 3.1 Fast has no parameter "colour"; it takes duration, aspect_ratio, resolution'],
    [['--set', 'seed=-4'], "Veo 3.1 Fast's seed takes a whole number from 0 to 4294967295, not -4."],
    [['--ref', 'face.png'], 'Veo 3.1 Fast takes no reference image.'],
  ])('%j exits 1', async (extra, message) => {
    const fake = await cli.startFake();
    const run = await cli.reelbench(['generate', '--prompt', 'x', ...extra]).done;
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr.split('\n')[0]).toContain(`reelbench: ${message}`);
    expect(run.stderr).toContain('reelbench models');
    const json = await cli.reelbench(['generate', '--prompt', 'x', ...extra, '--json']).done;
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(fake.count('generate')).toBe(0);
    expect(fake.count('upload')).toBe(0);
    expect((await jobsJson()).jobs).toEqual([]);
  });
});

describe('reelbench generate checks what it can before a job exists', () => {
  it.each([
    [
      'a missing image',
      async () => path.join(cli.dir, 'nowhere.jpg'),
      (file: string) => `reelbench: There is no file at ${file}.\n  Check the file's path.\n`,
    ],
    [
      'a file that is not an image',
      async () => {
        const file = path.join(cli.dir, 'notes.jpg');
        await writeFile(file, 'just text');
        return file;
      },
      () =>
        'reelbench: "notes.jpg" is not an image Reelbench can read.\n  Use a JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG file.\n',
    ],
  ])('refuses %s at once, and leaves no job behind', async (_name, image, message) => {
    await cli.startFake();
    const file = await image();
    const run = await cli.reelbench(['generate', '--prompt', 'A fox', '--image', file]).done;
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: message(file) });
    expect((await jobsJson()).jobs).toEqual([]);
    expect(cli.fake?.requests).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('reelbench generate without a key', () => {
  it('fails at once, says how to set one, and leaves no job behind', async () => {
    await cli.startFake();
    // In a keyring of its own (scripts/with-test-keyring.js), empty whatever other tests store meanwhile.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REELBENCH_DATA_DIR: path.join(cli.dir, 'data'),
      REELBENCH_LIBRARY_DIR: path.join(cli.dir, 'library'),
      REELBENCH_BASE_URL: cli.fake?.baseUrl,
    };
    delete env['REELBENCH_API_KEY'];
    delete env['REELBENCH_TEST_KEYRING'];
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [WITH_TEST_KEYRING, process.execPath, CLI, 'generate', '--prompt', 'A fox'],
        { env },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr }),
      );
    });
    // dbus-daemon may add its own notices to stderr; the CLI's part is exact.
    const said = run.stderr.split('\n').filter((line) => !line.startsWith('dbus-daemon'));
    expect(said.join('\n')).toBe(
      'reelbench: No APIMart API key is set, so nothing was sent.\n  Run `reelbench key set` and paste your APIMart key (or set REELBENCH_API_KEY).\n',
    );
    expect(run.code).toBe(1);
    expect((await jobsJson()).jobs).toEqual([]);
    expect(cli.fake?.requests).toEqual([]);
  });
});

describe('reelbench generate without a terminal', () => {
  it('prints one line per phase on stderr and only the saved path on stdout', async () => {
    await cli.startFake();
    const run = await cli.reelbench(['generate', '--prompt', 'A heron at dawn']).done;
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Job [0-9a-f]{8}: 8 s, veo3\.1-fast-official, 16:9, 720p\.$/);
    expect(lines.slice(1)).toEqual([
      'Sending the job to APIMart (the billed step)…',
      'Generating at APIMart…',
      'Downloading the video…',
      'Saving it to the library…',
    ]);
    expect(run.stdout.trim()).toBe(
      path.join(cli.dir, 'library', `${new Date().toISOString().slice(0, 10)} A heron at dawn.mp4`),
    );
  });

  it('on Ctrl+C says the job goes on; `jobs` shows it as not being watched; `jobs resume` finishes it and prints the path', async () => {
    // Long enough that it is still generating when Ctrl+C comes; then the clock jumps past its end.
    await cli.startFake({ estimatedSeconds: 3_000 });
    const first = cli.reelbench(['generate', '--prompt', 'A lighthouse in a storm']);
    await eventually(() => (cli.fake?.count('task') ?? 0) >= 1, 'polling to start');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /Stopped watching\. Job [0-9a-f]{8} is kept \(generating\): APIMart goes on generating it, and `reelbench jobs resume` finishes it/,
    );

    const listed = await cli.reelbench(['jobs']).done;
    expect(listed.stdout).toContain('not being watched (generating)');
    expect(listed.stdout).not.toMatch(/generating \d+%/);
    expect(listed.stdout).toContain('`reelbench jobs resume` finishes them.');
    expect((await jobsJson()).jobs).toMatchObject([{ phase: 'polling', watched: false }]);

    cli.fake?.clock.advance(3_100_000);
    const resumed = await cli.reelbench(['jobs', 'resume']).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    const saved = resumed.stdout.trim();
    expect(saved).toBe(
      path.join(cli.dir, 'library', `${new Date().toISOString().slice(0, 10)} A lighthouse in a storm.mp4`),
    );
    await expect(readFile(saved)).resolves.toBeInstanceOf(Buffer);
    expect(resumed.stderr).toContain('Resuming 1 job.');
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
    await expect(cli.reelbench(['jobs', 'resume', '--json']).done).resolves.toMatchObject({
      code: 0,
      stdout: '{"ok":true,"jobs":[],"paths":[]}\n',
    });
  });

  it('gives up watching after --timeout with exit 1, and keeps the job', async () => {
    await cli.startFake({ estimatedSeconds: 100_000 });
    const run = await cli.reelbench(['generate', '--prompt', 'A very slow sunset', '--timeout', '1', '--json']).done;
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'timeout', message: expect.stringContaining('Stopped watching after 1 s') },
      job: { phase: 'polling' },
    });
    expect((await jobsJson()).jobs).toMatchObject([
      { phase: 'polling', watched: false, request: { prompt: 'A very slow sunset' } },
    ]);
  });

  it('removes control characters from what the server says before printing it', async () => {
    await cli.startFake();
    cli.fake?.failNextTask('\u001b]0;owned\u0007\u001b[2J\u001b[31mthe GPU melted\r\u202e');
    const run = await cli.reelbench(['generate', '--prompt', 'A harmless prompt']).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the GPU melted');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('reelbench config, usage and library list', () => {
  it('sets prices, jobs at once and the API address in the settings the app reads; usage says how', async () => {
    const before = await cli.reelbench(['usage']).done;
    expect(before.stdout).toContain('`reelbench config set price.MODEL 0.08`');
    await expect(cli.reelbench(['config', 'set', 'price.sora-2-preview', '0.1']).done).resolves.toMatchObject({
      code: 0,
      stdout: 'price.sora-2-preview = 0.1\n',
    });
    await expect(cli.reelbench(['config', 'set', 'jobs-at-once', '2']).done).resolves.toMatchObject({ code: 0 });
    await expect(cli.reelbench(['config', 'set', 'api-address', 'http://example.com']).done).resolves.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('must start with https://'),
    });
    await expect(
      cli.reelbench(['config', 'set', 'api-address', 'https://api.example.com/']).done,
    ).resolves.toMatchObject({ code: 0, stdout: 'api-address = https://api.example.com\n' });
    const settings = JSON.parse(await readFile(path.join(cli.dir, 'data', 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({
      prices: { 'sora-2-preview': 0.1 },
      concurrency: 2,
      apiBaseUrl: 'https://api.example.com',
    });
    await expect(
      cli.reelbench(['config', 'get', '--json']).done.then((run) => JSON.parse(run.stdout) as unknown),
    ).resolves.toEqual({
      ok: true,
      settings: {
        'api-address': 'https://api.example.com',
        'jobs-at-once': 2,
        'speech-price': null,
        'mcp.max-spend': 2,
        'mcp.confirm': 'never',
        'mcp.export-dir': null,
        'price.sora-2-preview': 0.1,
      },
    });
    // What an assistant may spend and where it may write: checked before it is saved.
    for (const [name, value, said] of [
      ['mcp.max-spend', '-1', 'mcp.max-spend takes dollars from 0 to 1000'],
      ['mcp.confirm', 'sometimes', 'mcp.confirm takes always or never'],
      ['mcp.export-dir', 'films', 'mcp.export-dir takes a full folder path'],
    ] as const)
      await expect(cli.reelbench(['config', 'set', name, value]).done).resolves.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(said),
      });
    await expect(cli.reelbench(['config', 'set', 'mcp.max-spend', '5']).done).resolves.toMatchObject({
      code: 0,
      stdout: 'mcp.max-spend = 5\n',
    });
    await expect(cli.reelbench(['config', 'set', 'price.sora-2-preview', 'none']).done).resolves.toMatchObject({
      stdout: 'price.sora-2-preview = not set\n',
    });
  });

  it("lists the library with file paths, never the window's app:// addresses", async () => {
    await cli.startFake();
    await expect(cli.reelbench(['generate', '--prompt', 'A paper boat']).done).resolves.toMatchObject({ code: 0 });
    const list = await cli.reelbench(['library', 'list', '--json']).done;
    expect(list.stdout).not.toContain('app://');
    const { items } = JSON.parse(list.stdout) as { items: { path: string; title: string; videoUrl?: string }[] };
    expect(items).toMatchObject([
      { title: 'A paper boat', path: expect.stringContaining(path.join(cli.dir, 'library')) },
    ]);
    expect(items[0]?.videoUrl).toBeUndefined();
  });
});

describe('reelbench key status', () => {
  it('says when REELBENCH_API_KEY is in effect', async () => {
    await expect(
      cli.reelbench(['key', 'status'], { REELBENCH_API_KEY: 'sk-from-the-environment-9876' }).done,
    ).resolves.toMatchObject({
      code: 0,
      stdout: 'An API key is set by REELBENCH_API_KEY (ends in 9876); it overrides the keychain while it is set.\n',
    });
  });

  it('says in one line, with the fix, when the keychain module is missing', async () => {
    const hook = path.resolve(import.meta.dirname, '../../support/without-keytar.mjs');
    const run = await cli.reelbench(['key', 'status'], { REELBENCH_API_KEY: undefined }, ['--import', hook]).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "reelbench: Reelbench's keychain module (keytar) is missing or was built for another version, so the API key cannot be read or saved. Run `npm rebuild keytar` in the Reelbench folder (Linux: it needs libsecret-1-dev), or set REELBENCH_API_KEY instead.\n",
    );
  });
});
