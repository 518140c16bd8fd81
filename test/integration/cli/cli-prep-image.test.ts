import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { CLI, runCli } from '../../support/cli-runner';
import { fixture, quadrantCard } from '../../support/image-fixtures';

let dir: string;
beforeAll(requireBuild);
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const reelbench = (...args: string[]) => runCli(path.join(dir, 'data'), ...args);

describe('reelbench prep-image (the built CLI)', () => {
  it('prints the version from package.json, and is an executable script', async () => {
    const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    await expect(reelbench('--version')).resolves.toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    expect(manifest.bin['reelbench']).toBe('out/main/cli.js');
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('writes the exact frame and says what it did', async () => {
    const input = await fixture(dir, 'portrait.png', await quadrantCard(720, 1280));
    const out = path.join(dir, 'ref.jpg');
    const result = await reelbench('prep-image', input, '--aspect', '16:9', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Prepared portrait.png → ${out}: 1280×720 JPEG, ${Math.round((await readFile(out)).length / 1024)} KB (quality 90); took 720×405 at 0,438 of 720×1280.\n` +
        '  • Will be cropped to 16:9.\n  • Smaller than the 1280×720 output frame: it will be upscaled ×1.8.\n',
    );
    expect(await sharp(out).metadata()).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
  });

  it('answers in JSON for scripts', async () => {
    const input = await fixture(dir, 'wide.png', await quadrantCard(1920, 1080));
    const out = path.join(dir, 'ref.webp');
    const result = await reelbench(
      'prep-image',
      input,
      '--aspect',
      'portrait',
      '--model',
      'sora-2-pro-preview',
      '--resolution',
      'high',
      '--format',
      'webp',
      '--out',
      out,
      '--json',
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      ok: boolean;
      prepared: { width: number; height: number; format: string; path: string };
      source: { width: number };
    };
    expect(answer).toMatchObject({
      ok: true,
      output: out,
      prepared: { width: 1024, height: 1792, format: 'webp', path: out },
      source: { width: 1920 },
    });
    expect(await sharp(out).metadata()).toMatchObject({ format: 'webp', width: 1024, height: 1792 });
  });

  it('fails with the reason and exit code 1 for a bad image, in words or in JSON', async () => {
    const input = await fixture(dir, 'fake.jpg', 'text');
    const plain = await reelbench('prep-image', input, '--aspect', 'landscape', '--out', path.join(dir, 'x.jpg'));
    expect(plain).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'reelbench: "fake.jpg" is not an image Reelbench can read.\n  Use a JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG file.\n',
    });
    const json = await reelbench(
      'prep-image',
      input,
      '--aspect',
      'landscape',
      '--out',
      path.join(dir, 'x.jpg'),
      '--json',
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'invalidImage' } });
  });

  it.each([
    [['prep-image', 'a.jpg', '--out', 'b.jpg'], 'prep-image needs --aspect: a shape the model offers'],
    [['prep-image', 'a.jpg', '--aspect', 'landscape'], 'prep-image needs --out <file>.'],
    [['prep-image', '--aspect', 'landscape', '--out', 'b.jpg'], 'prep-image takes one input image.'],
    [
      ['prep-image', 'a.jpg', 'b.jpg', '--aspect', 'landscape', '--out', 'c.jpg'],
      '`prep-image` does not take "b.jpg" as well.',
    ],
    [
      ['prep-image', 'a.jpg', '--aspect', 'landscape', '--out', 'b.jpg', '--colour', 'red'],
      '`prep-image` has no option --colour.',
    ],
    [['prep-image', 'a.jpg', '--aspect', 'landscape', '--out'], '--out needs a value.'],
    [['frobnicate'], 'there is no command "frobnicate".'],
  ])("exits 2 with usage help for %j, and never with node:util's own wording", async (args, message) => {
    const result = await reelbench(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('reelbench help');
    expect(result.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument|Unknown option '/);
    const json = await reelbench(...args, '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: 'usage', message: expect.stringContaining(message.split('\n')[0] ?? '') },
    });
  });

  it.each([
    [
      ['prep-image', 'a.jpg', '--aspect', 'landscape', '--out', 'b.gif'],
      '--out must end in .jpg, .jpeg, .png or .webp (the extension decides the format), not "b.gif".',
    ],
    [
      ['prep-image', 'a.jpg', '--aspect', 'landscape', '--out', 'b.png', '--format', 'jpeg'],
      '--format jpeg does not match --out "b.png" (png)',
    ],
    [
      ['prep-image', 'a.jpg', '--aspect', 'landscape', '--model', 'sora-3', '--out', 'b.png'],
      'There is no video model "sora-3". Choose one of: veo3.1-fast-official, veo3.1-quality-official,',
    ],
  ])('refuses the value in %j with exit 1, as every command refuses a value', async (args, message) => {
    const result = await reelbench(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    const json = await reelbench(...args, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
  });

  it("prepares for any model's frames, and refuses a shape the model does not make (exit 1)", async () => {
    const input = await fixture(dir, 'wide.png', await quadrantCard(1920, 1080));
    const square = path.join(dir, 'square.png');
    const kling = await reelbench(
      'prep-image',
      input,
      '--model',
      'kling-v3',
      '--aspect',
      '1:1',
      '--resolution',
      'pro',
      '--out',
      square,
    );
    expect(kling.code).toBe(0);
    expect(await sharp(square).metadata()).toMatchObject({ width: 1080, height: 1080 });
    const refused = await reelbench('prep-image', input, '--aspect', 'square', '--out', path.join(dir, 'no.png'));
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Veo 3.1 Fast makes 16:9 or 9:16 videos, not square.'),
    });
  });

  it('lets the extension of --out decide the format', async () => {
    const input = await fixture(dir, 'wide.png', await quadrantCard(1920, 1080));
    for (const [name, format] of [
      ['a.png', 'png'],
      ['b.jpeg', 'jpeg'],
      ['c.WEBP', 'webp'],
    ] as const) {
      const result = await reelbench('prep-image', input, '--aspect', 'landscape', '--out', path.join(dir, name));
      expect(result.code).toBe(0);
      expect(await sharp(path.join(dir, name)).metadata()).toMatchObject({ format, width: 1280, height: 720 });
    }
  });

  it('refuses an --out folder that does not exist, and creates nothing', async () => {
    const input = await fixture(dir, 'wide.png', await quadrantCard(1920, 1080));
    const result = await reelbench(
      'prep-image',
      input,
      '--aspect',
      'landscape',
      '--out',
      path.join(dir, 'missing', 'ref.jpg'),
    );
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `reelbench: The folder for --out does not exist: ${path.join(dir, 'missing')}\n  Create it first, or write somewhere else.\n`,
    });
    await expect(readFile(path.join(dir, 'missing', 'ref.jpg'))).rejects.toThrow();
  });
});
