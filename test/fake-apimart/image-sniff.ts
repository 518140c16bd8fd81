/** Image formats the upload endpoint accepts. */
export type UploadFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** The format by magic bytes, as the real service checks it (the file name and declared type are not trusted). */
export function sniffImage(bytes: Uint8Array): UploadFormat | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** MIME type for a sniffed format. */
export const CONTENT_TYPES: Readonly<Record<UploadFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};
