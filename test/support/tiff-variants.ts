import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Image fixtures made with Debian's own tools at test time (ImageMagick's convert, libtiff-tools' tiffcp), so the
// files are what real scanners, fax software and print shops produce, not what our own encoder writes.

const run = (tool: string, args: readonly string[]) =>
  execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

/** A 160×90 picture (16:9, no crop for a landscape frame): a colour sweep with a white-to-black band. */
function sourcePicture(dir: string): { colour: string; grey: string } {
  const colour = path.join(dir, 'source-colour.tif');
  const grey = path.join(dir, 'source-grey.tif');
  run('convert', ['-size', '160x90', 'gradient:red-blue', '-depth', '8', '-compress', 'None', colour]);
  run('convert', ['-size', '90x160', 'gradient:white-black', '-rotate', '90', '-colorspace', 'Gray', grey]);
  return { colour, grey };
}

/** Valid TIFFs (and a GIF) every mainstream reader opens, by name: each one a variant the issue names. */
export function validVariants(dir: string): Record<string, string> {
  const { colour, grey } = sourcePicture(dir);
  const out = (name: string) => path.join(dir, name);
  const bilevel = out('bilevel.tif');
  run('convert', [grey, '-threshold', '50%', '-depth', '1', '-compress', 'None', bilevel]);
  run('tiffcp', ['-c', 'g4', bilevel, out('fax-g4.tif')]);
  run('tiffcp', ['-c', 'g3', bilevel, out('fax-g3.tif')]);
  run('convert', [bilevel, '-orient', 'RightTop', out('bilevel-rotated.tif')]);
  run('tiffcp', ['-c', 'g4', out('bilevel-rotated.tif'), out('fax-g4-rotated.tif')]);
  for (const depth of ['2', '4', '16']) run('convert', [grey, '-depth', depth, out(`grey-${depth}bit.tif`)]);
  run('convert', [colour, '-depth', '16', out('colour-16bit.tif')]);
  run('convert', [colour, '-depth', '16', '-define', 'quantum:format=signed', out('colour-16bit-signed.tif')]);
  run('convert', [colour, '-depth', '8', '-define', 'quantum:format=signed', out('colour-8bit-signed.tif')]);
  run('tiffcp', ['-c', 'lzw', colour, out('lzw.tif')]);
  run('tiffcp', ['-c', 'zip', colour, out('deflate.tif')]);
  run('tiffcp', ['-c', 'packbits', colour, out('packbits.tif')]);
  run('tiffcp', ['-c', 'jpeg', '-r', '16', colour, out('jpeg-in-tiff.tif')]);
  run('tiffcp', ['-t', '-w', '32', '-l', '32', colour, out('tiled.tif')]);
  run('convert', [colour, grey, out('two-pages.tif')]);
  // An animated GIF whose last frame's data is broken: its first frame, the one used, is whole.
  run('convert', [colour, grey, colour, '-loop', '0', out('animated.gif')]);
  const gif = readFileSync(out('animated.gif'));
  const lastFrame = gif.lastIndexOf(0x2c);
  for (let at = lastFrame + 12; at < Math.min(gif.length - 2, lastFrame + 60); at += 1) gif[at] = 0xff;
  writeFileSync(out('animated-broken-last-frame.gif'), gif);
  return Object.fromEntries(
    [
      'bilevel.tif',
      'fax-g4.tif',
      'fax-g3.tif',
      'fax-g4-rotated.tif',
      'grey-2bit.tif',
      'grey-4bit.tif',
      'grey-16bit.tif',
      'colour-16bit.tif',
      'colour-16bit-signed.tif',
      'colour-8bit-signed.tif',
      'lzw.tif',
      'deflate.tif',
      'packbits.tif',
      'jpeg-in-tiff.tif',
      'tiled.tif',
      'two-pages.tif',
      'animated-broken-last-frame.gif',
    ].map((name) => [name, out(name)]),
  );
}

/** Damaged files: cut short at several points, a strip scrambled, a strip's length field wrong. */
export function damagedVariants(dir: string): Record<string, string> {
  const valid = validVariants(dir);
  const out = (name: string) => path.join(dir, name);
  const bytes = (name: string) => readFileSync(valid[name] ?? '');
  const damaged: Record<string, Buffer> = {};
  for (const [name, fraction] of [
    ['lzw.tif', 0.3],
    ['lzw.tif', 0.8],
    ['deflate.tif', 0.6],
    ['jpeg-in-tiff.tif', 0.7],
    ['fax-g4.tif', 0.5],
    ['colour-16bit.tif', 0.95],
  ] as const) {
    const whole = bytes(name);
    damaged[`cut-${Math.round(fraction * 100)}-${name}`] = whole.subarray(0, Math.floor(whole.length * fraction));
  }
  const scrambled = Buffer.from(bytes('lzw.tif'));
  for (let at = 200; at < 700; at += 1) scrambled[at] = ((scrambled[at] ?? 0) * 37 + 11) & 255;
  damaged['scrambled-strip.tif'] = scrambled;
  const deflate = Buffer.from(bytes('deflate.tif'));
  for (let at = 20; at < 200; at += 1) deflate[at] = (deflate[at] ?? 0) ^ 0x5a;
  damaged['scrambled-deflate.tif'] = deflate;
  damaged['wrong-strip-length.tif'] = withStripByteCount(bytes('lzw.tif'), 0x7fff_ffff);
  for (const [name, content] of Object.entries(damaged)) writeFileSync(out(name), content);
  return Object.fromEntries(Object.keys(damaged).map((name) => [name, out(name)]));
}

/** A little-endian classic TIFF with its first StripByteCounts value replaced. */
function withStripByteCount(tiff: Buffer, count: number): Buffer {
  const copy = Buffer.from(tiff);
  const ifd = copy.readUInt32LE(4);
  const entries = copy.readUInt16LE(ifd);
  for (let index = 0; index < entries; index += 1) {
    const at = ifd + 2 + index * 12;
    if (copy.readUInt16LE(at) !== 279) continue;
    const type = copy.readUInt16LE(at + 2);
    const values = copy.readUInt32LE(at + 4);
    const where = values * (type === 3 ? 2 : 4) <= 4 ? at + 8 : copy.readUInt32LE(at + 8);
    if (type === 3) copy.writeUInt16LE(Math.min(count, 0xffff), where);
    else copy.writeUInt32LE(count, where);
  }
  return copy;
}

/** ImageMagick's rendering of a file's first frame as 8-bit sRGB pixels, resized exactly as asked. */
export function imageMagickPixels(file: string, width: number, height: number): Buffer {
  return run('convert', [
    `${file}[0]`,
    '-auto-orient',
    '-colorspace',
    'sRGB',
    '-type',
    'TrueColor',
    '-filter',
    'Lanczos',
    '-resize',
    `${width}x${height}!`,
    '-depth',
    '8',
    'rgb:-',
  ]);
}

/** Unsupported kinds: valid files of a kind Reelbench says it cannot read. */
export function unsupportedVariants(dir: string): Record<string, string> {
  const { colour, grey } = sourcePicture(dir);
  const out = (name: string) => path.join(dir, name);
  run('convert', [colour, '-depth', '12', out('colour-12bit.tif')]);
  run('convert', [grey, '-depth', '16', '-define', 'quantum:format=signed', out('grey-16bit-signed.tif')]);
  return { 'colour-12bit.tif': out('colour-12bit.tif'), 'grey-16bit-signed.tif': out('grey-16bit-signed.tif') };
}
