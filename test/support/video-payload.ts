import { randomBytes } from 'node:crypto';

/** An ISO-media `ftyp` box (brand mp42): what makes a file start like an MP4. */
const FTYP = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('mp42isom')]);

/** A stand-in video of `size` bytes: an MP4's signature, then random bytes (incompressible, unique per call). */
export function mp4Payload(size: number): Buffer {
  return Buffer.concat([FTYP, randomBytes(Math.max(0, size - FTYP.length))]);
}

/** The same, filled with one byte after the signature (runs of equal bytes, for tests that want them). */
export function mp4Filled(size: number, byte: number): Buffer {
  return Buffer.concat([FTYP, Buffer.alloc(Math.max(0, size - FTYP.length), byte)]);
}
