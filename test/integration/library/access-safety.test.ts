import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveInside } from '../../../electron/services/library/library-paths';
import { fileResponse } from '../../../electron/services/library/media-response';
import { SAMPLE_VIDEO, setupLibrary, type LibrarySetup } from '../../support/library-setup';

let setup: LibrarySetup;
afterEach(async () => {
  await setup?.close();
});

describe('access safety: only catalogued files inside the library', () => {
  it('resolves library-relative paths only inside the root', () => {
    const root = path.resolve('/videos/Reelbench');
    expect(resolveInside(root, 'a/b.mp4')).toBe(path.join(root, 'a', 'b.mp4'));
    for (const hostile of [
      '../secret.mp4',
      'a/../../secret.mp4',
      '/etc/passwd',
      'C:/Windows/win.ini',
      'c:secret',
      'a/\0.mp4',
      '',
      '..',
      '.',
    ]) {
      expect(resolveInside(root, hostile), hostile).toBeNull();
    }
  });

  it('serves media only for catalogued ids, never by path', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('safe');
    expect(await setup.library.mediaFile('video', item.id)).toBe(path.join(setup.root, item.fileName));
    for (const id of [
      '../../etc/passwd',
      `${item.id}/../x`,
      '00000000-0000-4000-8000-000000000000',
      '',
      item.id.toUpperCase().replace(/-/g, ''),
    ]) {
      expect(await setup.library.mediaFile('video', id), id).toBeNull();
    }
    expect(await setup.library.mediaFile('poster', item.id)).toBeNull(); // no poster yet
    expect(await setup.library.mediaFile('reference', item.id)).toBeNull(); // no reference image
  });

  it('ignores a sidecar that points its reference image outside the folder', async () => {
    setup = await setupLibrary();
    const item = await setup.addGenerated('crafted');
    const sidecarName = (await readdir(setup.root)).find((name) => name.endsWith('.json')) ?? '';
    const file = path.join(setup.root, sidecarName);
    const sidecar = JSON.parse(await readFile(file, 'utf8')) as { generation: { referenceImage: string } };
    for (const hostile of ['../../../../etc/passwd', '/etc/passwd', 'sub/../../x.jpg', '..\\..\\boot.ini']) {
      sidecar.generation.referenceImage = hostile;
      await writeFile(file, JSON.stringify(sidecar));
      await setup.library.reconcile();
      expect(setup.library.get(item.id).referenceUrl, hostile).toBeNull();
      expect(await setup.library.mediaFile('reference', item.id), hostile).toBeNull();
    }
  });
});

describe('media responses', () => {
  it('serves whole files and byte ranges for seeking', async () => {
    const size = (await readFile(SAMPLE_VIDEO)).length;
    const whole = await fileResponse(SAMPLE_VIDEO, null);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).length).toBe(size);
    const part = await fileResponse(SAMPLE_VIDEO, 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect(Buffer.from(await part.arrayBuffer()).equals((await readFile(SAMPLE_VIDEO)).subarray(100, 200))).toBe(true);
    expect((await fileResponse(SAMPLE_VIDEO, 'bytes=100-')).headers.get('content-length')).toBe(String(size - 100));
    expect((await fileResponse(SAMPLE_VIDEO, 'bytes=-50')).headers.get('content-range')).toBe(
      `bytes ${size - 50}-${size - 1}/${size}`,
    );
    expect((await fileResponse(SAMPLE_VIDEO, `bytes=${size}-`)).status).toBe(416);
    expect((await fileResponse(path.join(path.dirname(SAMPLE_VIDEO), 'nope.mp4'), null)).status).toBe(404);
  });
});
