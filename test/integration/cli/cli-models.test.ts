import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';
import { fixture, quadrantCard } from '../../support/image-fixtures';
import { soraEraInternals, writeOldJobsDatabase } from '../../support/old-jobs-db';

// #18's proof, through the built CLI against the fake APIMart: every family with its own fields, a model known only
// by its schema, retired models, values refused before any request, the catalog offline and as APIMart changes it.
let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 20 });
});
afterEach(() => cli.close());

const SAMPLE_VIDEO = path.resolve(import.meta.dirname, '../../fixtures/sample.mp4');

/** The body of the fake's newest generation, as it arrived. */
function lastBody(): Record<string, unknown> {
  const tasks = [...(cli.fake?.tasks.values() ?? [])];
  const task = tasks[tasks.length - 1];
  if (!task) throw new Error('no generation reached the fake');
  return { ...task.generation.body };
}

/** An uploaded image's size and its top-left pixel's colour. */
async function uploaded(url: unknown): Promise<{ width: number; height: number; red: boolean }> {
  const bytes = Buffer.from(await (await fetch(String(url))).arrayBuffer());
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const { data } = await sharp(bytes)
    .extract({ left: 2, top: 2, width: 1, height: 1 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width, height, red: (data[0] ?? 0) > 200 && (data[2] ?? 255) < 80 };
}

const card = (name: string, width: number, height: number) =>
  quadrantCard(width, height).then((bytes) => fixture(cli.dir, name, bytes));
/** A card of one colour (red or blue), so the order of two frames shows in the upload. */
const plain = async (name: string, colour: 'red' | 'blue') =>
  fixture(
    cli.dir,
    name,
    await sharp({
      create: { width: 1600, height: 1200, channels: 3, background: colour === 'red' ? '#ff0000' : '#0000ff' },
    })
      .png()
      .toBuffer(),
  );

async function generate(...args: string[]) {
  const run = await cli.reelbench(['generate', '--prompt', 'a lighthouse in fog', ...args]).done;
  if (run.code !== 0) throw new Error(`generate failed (${run.code}): ${run.stderr}`);
  return run;
}

describe('reelbench generate, model by model', () => {
  it('gives each family its own fields, and each image its place and its frame', async () => {
    await cli.startFake();
    const red = await plain('red.png', 'red');
    const blue = await plain('blue.png', 'blue');

    await generate(
      ...['--model', 'veo3.1-fast-official', '--duration', '6', '--resolution', '1080p'],
      ...['--set', 'seed=42', '--set', 'generate_audio=false', '--first-frame', red, '--last-frame', blue],
    );
    const veo = lastBody();
    expect(veo).toMatchObject({
      model: 'veo3.1-fast-official',
      duration: 6,
      aspect_ratio: '16:9',
      resolution: '1080p',
    });
    expect(veo).toMatchObject({ seed: 42, generate_audio: false });
    expect(await uploaded(veo['first_frame_image'])).toEqual({ width: 1920, height: 1080, red: true });
    expect(await uploaded(veo['last_frame_image'])).toEqual({ width: 1920, height: 1080, red: false });

    // Kling takes both frames in one list, first then last, both cropped to the chosen square at pro's 1080p.
    await generate(
      ...['--model', 'kling-v3', '--aspect', '1:1', '--resolution', 'pro', '--duration', '10'],
      ...['--last-frame', blue, '--first-frame', red],
    );
    const kling = lastBody();
    expect(kling).toMatchObject({ model: 'kling-v3', aspect_ratio: '1:1', mode: 'pro', duration: 10 });
    const [first, last] = kling['image_urls'] as string[];
    expect(await uploaded(first)).toEqual({ width: 1080, height: 1080, red: true });
    expect(await uploaded(last)).toEqual({ width: 1080, height: 1080, red: false });

    // Seedance's shape is in `size`; `adaptive` follows the image, so it is not cropped (only brought under 1920 px).
    await generate(
      '--model',
      'doubao-seedance-2.0',
      '--aspect',
      'adaptive',
      '--duration',
      '12',
      '--image',
      await card('wide.png', 2400, 1200),
    );
    const seedance = lastBody();
    expect(seedance).toMatchObject({ size: 'adaptive', duration: 12, resolution: '720p' });
    expect(await uploaded(seedance['first_frame_image'])).toMatchObject({ width: 1920, height: 960 });

    await generate('--model', 'wan2.6', '--aspect', 'portrait', '--duration', '10');
    expect(lastBody()).toEqual({
      model: 'wan2.6',
      prompt: 'a lighthouse in fog',
      size: '9:16',
      duration: 10,
      resolution: '720p',
    });

    // The library keeps each video's params in its sidecar, in the model's own field names.
    const library = path.join(cli.dir, 'library');
    const sidecars = (await readdir(library)).filter((name) => name.endsWith('.reelbench.json'));
    const generations = await Promise.all(
      sidecars.map(async (name) => JSON.parse(await readFile(path.join(library, name), 'utf8')).generation),
    );
    expect(generations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ model: 'kling-v3', params: { duration: 10, aspect_ratio: '1:1', mode: 'pro' } }),
        expect.objectContaining({ model: 'wan2.6', duration: 10, aspect: '9:16' }),
      ]),
    );
  });

  it('generates with a model known only by its schema', async () => {
    await cli.startFake();
    const image = await card('pano.png', 2100, 900);
    await generate(
      ...['--model', 'nova-motion-video-1', '--duration', '10', '--aspect', '21:9'],
      ...['--set', 'motion_strength=0.5', '--set', 'loop=true', '--image', image],
    );
    const body = lastBody();
    expect(body).toEqual({
      model: 'nova-motion-video-1',
      prompt: 'a lighthouse in fog',
      seconds: 10,
      ratio: '21:9',
      quality: 'draft',
      motion_strength: 0.5,
      loop: true,
      start_image: expect.any(String),
    });
    // No frame is known for it: the exact 21:9 (7:3) at the largest size within the source and 1920 px.
    expect(await uploaded(body['start_image'])).toMatchObject({ width: 1918, height: 822 });
    const shown = JSON.parse((await cli.reelbench(['models', 'show', 'nova-motion-video-1', '--json']).done).stdout);
    expect(shown.model).toMatchObject({ id: 'nova-motion-video-1', state: 'confirmed', label: 'nova-motion-video-1' });
    const words = (await cli.reelbench(['models', 'show', 'nova-motion-video-1']).done).stdout;
    expect(words).toContain('motion_strength: a number from 0 to 1');
    expect(words).toContain('seconds [--duration]: a whole number from 2 to 20; default 6');
  });

  it('refuses a retired model in one line, and a model retired since its schema was read fails once and is no longer offered', async () => {
    const fake = await cli.startFake({ retired: ['sora-2-pro-preview'] });
    const refused = await cli.reelbench(['generate', '--model', 'sora-2-pro-preview', '--prompt', 'x']).done;
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.split('\n')[0]).toBe('reelbench: Sora 2 Pro is no longer offered — choose another.');
    expect(fake.count('generate')).toBe(0);

    await generate('--model', 'sora-2-preview');
    fake.retire('sora-2-preview');
    const failed = await cli.reelbench(['generate', '--model', 'sora-2-preview', '--prompt', 'y']).done;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('The model "sora-2-preview" is no longer offered — choose another.');
    expect(fake.count('generate')).toBe(2);
    const listed = JSON.parse((await cli.reelbench(['models', '--json']).done).stdout) as {
      models: { id: string; state: string }[];
    };
    expect(listed.models.find((model) => model.id === 'sora-2-preview')?.state).toBe('unavailable');
    // Nothing retries it: the next attempt is refused before anything is sent.
    expect((await cli.reelbench(['generate', '--model', 'sora-2-preview', '--prompt', 'z']).done).code).toBe(1);
    expect(fake.count('generate')).toBe(2);
  });

  it('refuses an out-of-range value before any request at all', async () => {
    const fake = await cli.startFake();
    const run = await cli.reelbench(['generate', '--model', 'kling-v3', '--duration', '20', '--prompt', 'x']).done;
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr.split('\n')[0]).toBe("reelbench: Kling 3's duration takes a whole number from 3 to 15, not 20.");
    expect(fake.requests).toEqual([]);
  });
});

describe('reelbench models', () => {
  it('offline, answers from the shipped snapshot and says so', async () => {
    const json = await cli.reelbench(['models', '--json']).done;
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as { offline: boolean; models: { id: string; state: string }[] };
    expect(answer.offline).toBe(true);
    expect(answer.models.map((model) => model.id)).toEqual(
      expect.arrayContaining(['veo3.1-fast-official', 'kling-v3', 'doubao-seedance-2.0', 'wan2.6', 'sora-2-preview']),
    );
    expect(new Set(answer.models.map((model) => model.state))).toEqual(new Set(['unconfirmed']));
    const words = await cli.reelbench(['models']).done;
    expect(words.stderr).toContain('APIMart could not be asked for its models');
    expect(words.stdout).toMatch(
      /^kling-v3 +Kling 3 \(not confirmed\): 3–15 s; 16:9, 9:16, 1:1; resolution std, pro, 4k; images: first frame, last frame; \$0\.0672\/s \(APIMart's price of 2026-09-24\)$/m,
    );
  });

  it("lists APIMart's video models (never its chat or image models), confirmed live, asking at most once a day", async () => {
    const fake = await cli.startFake();
    const answer = JSON.parse((await cli.reelbench(['models', '--json']).done).stdout) as {
      offline: boolean;
      models: { id: string; state: string }[];
    };
    expect(answer.offline).toBe(false);
    const state = (id: string) => answer.models.find((model) => model.id === id)?.state;
    expect(['kling-v3', 'nova-motion-video-1', 'sora-2-preview'].map(state)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    expect(state('pixverse-v6')).toBe('unconfirmed'); // shipped, not served by this APIMart
    for (const other of ['gpt-4o-mini', 'gpt-image-1', 'claude-sonnet-4-5', 'flux-kontext-pro', 'suno-v4.5'])
      expect(state(other)).toBeUndefined();
    expect(fake.count('models')).toBe(1);
    expect(fake.requests.filter((request) => request.route === 'schema').map((request) => request.query)).not.toContain(
      '?model=gpt-4o-mini&operation=video_generation',
    );
    const asked = fake.requests.length;
    await cli.reelbench(['models']).done;
    expect(fake.requests.length).toBe(asked);
  });

  it('offers a new value as soon as the live schema has it', async () => {
    const fake = await cli.startFake();
    await cli.reelbench(['models']).done;
    fake.setSchema('sora-2-preview', {
      type: 'object',
      properties: {
        prompt: { type: 'string' },
        duration: { type: 'integer', enum: [4, 8, 12, 16] },
        aspect_ratio: { type: 'string', enum: ['landscape', 'portrait', '16:9', '9:16'] },
      },
      required: ['prompt'],
      additionalProperties: false,
    });
    expect(
      (await cli.reelbench(['generate', '--model', 'sora-2-preview', '--duration', '16', '--prompt', 'x']).done).code,
    ).toBe(1);
    await cli.reelbench(['models', '--refresh']).done;
    const shown = JSON.parse((await cli.reelbench(['models', 'show', 'sora-2-preview', '--json']).done).stdout);
    expect(shown.model.params.find((param: { name: string }) => param.name === 'duration').values).toEqual([
      4, 8, 12, 16,
    ]);
    await generate('--model', 'sora-2-preview', '--duration', '16');
    expect(lastBody()).toMatchObject({ duration: 16 });
  });
});

describe('data written by the Sora-era version', () => {
  it('opens its jobs.sqlite and library, and runs its unfinished job after migration', async () => {
    const fake = await cli.startFake();
    const id = '7b0d6a3e-2f43-4c55-9a1b-3b5a8d1e9c20';
    const at = '2026-10-01T10:00:00.000Z';
    writeOldJobsDatabase(path.join(cli.dir, 'data', 'jobs.sqlite'), [
      {
        job: {
          id,
          createdAt: at,
          updatedAt: at,
          phase: 'queued',
          waiting: null,
          request: {
            prompt: 'an old job',
            model: 'sora-2-pro-preview',
            duration: 8,
            aspect: 'portrait',
            resolution: 'high',
            imagePath: null,
            crop: null,
            title: null,
          },
          progress: 0,
          etaSeconds: null,
          taskId: null,
          submittedAt: null,
          billedSeconds: null,
          pricePerSecond: null,
          videoExpiresAt: null,
          libraryItemId: null,
          error: null,
          warning: null,
        },
        internals: soraEraInternals(),
      },
    ]);
    const library = path.join(cli.dir, 'library');
    await mkdir(library, { recursive: true });
    await copyFile(SAMPLE_VIDEO, path.join(library, 'old clip.mp4'));
    await writeFile(
      path.join(library, 'old clip.reelbench.json'),
      JSON.stringify({
        schema: 'reelbench.video/1',
        id: '3c7f7a52-5c5a-4b8e-8d2e-6f0c1a2b3c4d',
        video: 'old clip.mp4',
        videoBytes: null,
        generation: {
          prompt: 'an old video',
          model: 'sora-2-preview',
          duration: 12,
          aspect: 'landscape',
          resolution: 'standard',
          referenceImage: null,
          taskId: 'task_old',
          jobId: null,
        },
        createdAt: at,
        completedAt: at,
        appVersion: '0.1.0',
        user: { title: 'Old clip', favorite: false, tags: [], rating: null, notes: '' },
      }),
    );
    const resumed = await cli.reelbench(['jobs', 'resume']).done;
    expect(resumed.code).toBe(0);
    expect(lastBody()).toEqual({
      model: 'sora-2-pro-preview',
      prompt: 'an old job',
      duration: 8,
      aspect_ratio: 'portrait',
      resolution: 'high',
    });
    expect(fake.count('generate')).toBe(1);
    const list = JSON.parse((await cli.reelbench(['library', 'list', '--json']).done).stdout) as {
      items: { title: string; model: string; aspect: string; duration: number }[];
    };
    expect(list.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Old clip', model: 'sora-2-preview', aspect: 'landscape', duration: 12 }),
        expect.objectContaining({ title: 'an old job', model: 'sora-2-pro-preview', aspect: 'portrait', duration: 8 }),
      ]),
    );
  });
});
