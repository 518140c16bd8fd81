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

/** Chooses `file` through main's own file picker, as the user does: only such files may be named by the window. */
async function pick(file: string): Promise<void> {
  app.desktop.nextFile = file;
  await app.page.evaluate('window.reelbench.images.pick()');
}

describe('reference image previews in the window', () => {
  it('prepares an image over IPC and shows both previews under the strict CSP', async () => {
    const file = await fixture(dir, 'portrait.png', await quadrantCard(720, 1280));
    await app.page.getByTestId('app-info').waitFor();
    await pick(file);
    const shown = await app.page.evaluate(
      `(async (file) => {
        const api = window.reelbench;
        const inspected = await api.images.inspect({ path: file, target: { model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } } });
        const prepared = await api.images.prepare({ path: file, model: 'sora-2-preview', params: { aspect_ratio: 'landscape' } });
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
        };
      })(${JSON.stringify(file)})`,
    );
    expect(shown).toEqual({
      findings: ['crop', 'upscale'],
      prepared: { width: 1280, height: 720 },
      original: { width: 270, height: 480 },
      crop: { width: 480, height: 270 },
    });
    expect(app.pageErrors).toEqual([]);
  });

  it('answers a broken file with a readable refusal', async () => {
    const file = await fixture(dir, 'broken.jpg', 'not really a jpeg');
    await app.page.getByTestId('app-info').waitFor();
    await pick(file);
    const answer = await app.page.evaluate(`window.reelbench.images.inspect({ path: ${JSON.stringify(file)} })`);
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

  it('refuses, over every channel, an image path the user never chose (a compromised window naming a key file)', async () => {
    const secret = await fixture(dir, 'id_rsa.png', await quadrantCard(64, 64));
    await app.page.getByTestId('app-info').waitFor();
    const answers = (await app.page.evaluate(
      `(async (file) => {
        const api = window.reelbench;
        const [draft] = (await api.drafts.list({})).data;
        return [
          await api.images.inspect({ path: file }),
          await api.images.prepare({ path: file, model: 'sora-2-preview', params: {} }),
          await api.drafts.setImage({ id: draft.id, role: 'first', path: file }),
          await api.jobs.enqueue({ prompt: 'x', model: 'sora-2-preview', images: [{ role: 'first', path: file }] }),
          await api.images.inspect({ path: '\\\\fileserver\\share\\photo.png' }),
        ];
      })(${JSON.stringify(secret)})`,
    )) as { ok: boolean; error?: { text?: { key: string } } }[];
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      expect(answer.error?.text?.key).toBe('error.image.notGranted');
    }
    // Chosen through the picker, the same file is accepted.
    await pick(secret);
    await expect(
      app.page.evaluate(
        `window.reelbench.images.inspect({ path: ${JSON.stringify(secret)} }).then((answer) => answer.ok)`,
      ),
    ).resolves.toBe(true);
  });
});
