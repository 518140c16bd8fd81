import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';
import sharp from 'sharp';

/** Sizes of the Linux icon set (hicolor theme sizes up to the 1024 px master). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** Sizes inside the Windows .ico: the shell picks 16–48 for lists, 256 for large tiles. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** The .icns entries in iconutil's order: type and pixel size (an @2x type holds twice its nominal size). */
export const ICNS_ENTRIES = [
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic04', 16],
  ['ic14', 512],
  ['ic09', 512],
  ['ic05', 32],
  ['ic10', 1024],
  ['ic11', 32],
] as const;

/** What `buildIconSet` wrote. */
export interface IconSet {
  readonly png: string;
  readonly icns: string;
  readonly ico: string;
  readonly linuxDir: string;
}

/**
 * Renders the one SVG (drawn on a 1024 px canvas) at every size the installers need: `icon.png` (1024), `icon.icns` (macOS), `icon.ico` (Windows) and
 * `icons/<n>x<n>.png` (Linux), all in `outDir`, which electron-builder reads as its build resources.
 */
export async function buildIconSet(svgFile: string, outDir: string): Promise<IconSet> {
  const rendered = new Map<number, Buffer>();
  const render = async (size: number): Promise<Buffer> => {
    const cached = rendered.get(size);
    if (cached) return cached;
    const png = await sharp(svgFile).resize(size, size, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toBuffer();
    rendered.set(size, png);
    return png;
  };

  const linuxDir = path.join(outDir, 'icons');
  await mkdir(linuxDir, { recursive: true });
  for (const size of LINUX_SIZES) await writeFile(path.join(linuxDir, `${size}x${size}.png`), await render(size));

  const ico = new IconIco();
  // Largest first: some Windows versions take the first entry for the taskbar.
  for (const size of [...ICO_SIZES].reverse()) await ico.addFromPng(await render(size), null);
  const icns = new IconIcns();
  icns.toc = true;
  for (const [type, size] of ICNS_ENTRIES) await icns.addFromPng(await render(size), [type]);

  const files: IconSet = {
    png: path.join(outDir, 'icon.png'),
    icns: path.join(outDir, 'icon.icns'),
    ico: path.join(outDir, 'icon.ico'),
    linuxDir,
  };
  await writeFile(files.png, await render(1024));
  await writeFile(files.icns, icns.encode());
  await writeFile(files.ico, ico.encode());
  return files;
}
