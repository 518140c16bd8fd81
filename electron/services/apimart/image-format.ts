/** Formats the generation endpoint accepts as a reference image. */
export type ReferenceFormat = 'jpeg' | 'png' | 'webp';

/** The format by magic bytes; the file name is not trusted. */
export function detectReferenceFormat(bytes: Uint8Array): ReferenceFormat | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** MIME type of a reference format. */
export const REFERENCE_CONTENT_TYPES: Readonly<Record<ReferenceFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
