import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, quadrantCard } from '../support/image-fixtures';
import { closeBrowser, launchApp, type AppHarness } from './harness/app-harness';

let app: AppHarness;
let dir: string;
beforeEach(async () => {
  app = await launchApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-e2e-images-'));
});
afterEach(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

/**
 * Chooses `file` through main's own file picker, as the user does, and answers the opaque token the window gets
 * for it: the window names images only by such tokens, never by path.
 */
async function pick(file: string): Promise<string> {
  app.desktop.nextFile = file;
  const picked = (await app.page.evaluate('window.reelbench.images.pick()')) as {
    ok: boolean;
    data: { image: string };
  };
  expect(picked.data.image).toMatch(/^img_/);
  expect(JSON.stringify(picked)).not.toContain(path.basename(file));
  return picked.data.image;
}

describe('reference image previews in the window', () => {
  it('prepares an image over IPC and shows both previews under the strict CSP', async () => {
    const file = await fixture(dir, 'portrait.png', await quadrantCard(720, 1280));
    await app.page.getByTestId('app-info').waitFor();
    const image = await pick(file);
    const shown = await app.page.evaluate(
      `(async (image) => {
        const api = window.reelbench;
        const inspected = await api.images.inspect({ image, target: { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } } });
        const prepared = await api.images.prepare({ image, model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } });
        const load = (src) => new Promise((resolve) => {
          const img = new Image();
          img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
          img.onerror = () => resolve('blocked or broken');
          img.src = src;
        });
        return {
          findings: inspected.ok ? inspected.data.findings.map((finding) => finding.kind) : inspected.error,
          prepared: prepared.ok ? { width: prepared.data.width, height: prepared.data.height } : prepared.error,
          original: inspected.ok ? await load(inspected.data.preview) : null,
          crop: prepared.ok ? await load(prepared.data.preview) : null,
          // Where main keeps the prepared file stays in main.
          leaked: prepared.ok ? Object.keys(prepared.data).includes('path') : null,
        };
      })(${JSON.stringify(image)})`,
    );
    expect(shown).toEqual({
      findings: ['crop', 'upscale'],
      prepared: { width: 1280, height: 720 },
      original: { width: 270, height: 480 },
      crop: { width: 480, height: 270 },
      leaked: false,
    });
    expect(app.pageErrors).toEqual([]);
  });

  it('answers a broken file with a readable refusal', async () => {
    const file = await fixture(dir, 'broken.jpg', 'not really a jpeg');
    await app.page.getByTestId('app-info').waitFor();
    const image = await pick(file);
    const answer = await app.page.evaluate(`window.reelbench.images.inspect({ image: ${JSON.stringify(image)} })`);
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalidImage',
        message: '"broken.jpg" is not an image Reelbench can read.',
        action: 'Use a JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG file.',
        text: {
          key: 'error.image.notAnImage',
          params: { file: 'broken.jpg', formats: 'JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG' },
        },
      },
    });
  });

  it('names images only by tokens main issued: a compromised window naming a key file is refused on every channel', async () => {
    const secret = await fixture(dir, 'id_rsa.png', await quadrantCard(64, 64));
    await app.page.getByTestId('app-info').waitFor();
    const forged = `img_${'A'.repeat(24)}`;
    const answers = (await app.page.evaluate(
      `(async ([file, forged]) => {
        const api = window.reelbench;
        const [draft] = (await api.drafts.list({})).data;
        const byName = (image) => [
          api.images.inspect({ image }),
          api.images.prepare({ image, model: 'sora-2-preview', params: {} }),
          api.drafts.setImage({ id: draft.id, role: 'first', image }),
          api.jobs.enqueue({ prompt: 'x', model: 'sora-2-preview', images: [{ role: 'first', path: image }] }),
        ];
        return Promise.all([
          ...byName(file),
          ...byName('\\\\\\\\fileserver\\\\share\\\\photo.png'),
          ...byName(forged),
        ]);
      })(${JSON.stringify([secret, forged])})`,
    )) as { ok: boolean; error?: { code: string; text?: { key: string } } }[];
    expect(answers).toHaveLength(12);
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      expect(answer.error?.code).toBe('invalidInput');
    }
    // A token of the right shape that main never issued reaches main and is refused there, with the reason.
    expect(answers.slice(8).map((answer) => answer.error?.text?.key)).toEqual(Array(4).fill('error.image.notGranted'));

    // Chosen through the picker, the same file is accepted — by its token, which is all the window ever sees.
    const image = await pick(secret);
    const accepted = (await app.page.evaluate(
      `(async (image) => {
        const api = window.reelbench;
        const [draft] = (await api.drafts.list({})).data;
        const inspected = await api.images.inspect({ image });
        const set = await api.drafts.setImage({ id: draft.id, role: 'first', image });
        return { inspected: inspected.ok, slot: set.ok ? set.data.images[0].path : set.error };
      })(${JSON.stringify(image)})`,
    )) as { inspected: boolean; slot: string };
    expect(accepted.inspected).toBe(true);
    // The draft keeps its own copy of the file; the window gets a token for that copy, not its path.
    expect(accepted.slot).toMatch(/^img_/);
    expect(app.services.drafts.list({})[0]?.images[0]?.path).toContain(app.dataDir);
    const leaked = app.ipcTraffic.filter((entry) => entry.includes(dir) || entry.includes(app.dataDir));
    expect(leaked).toEqual([]);
  });
});
