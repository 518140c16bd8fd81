/** A chapter mark: where it starts, in seconds, and its title. */
export interface Chapter {
  readonly start: number;
  readonly title: string;
}

const TICKS_PER_SECOND = 10_000_000; // the Nero list counts in 100 ns
const MAX_CHAPTERS = 255; // its count is one byte
const MAX_TITLE_BYTES = 255;

/** UTF-8 bytes of `text`, cut at a character boundary to fit `max` bytes. */
function titleBytes(text: string, max: number): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > max) {
    text = Array.from(text).slice(0, -1).join('');
    bytes = Buffer.from(text, 'utf8');
  }
  return bytes;
}

/**
 * The contents of a Nero chapter list (`udta/chpl`, version 1): the chapter form MP4 players and FFmpeg read from a
 * file's movie box, and the one that can be written in the same pass as the media.
 */
export function chplBox(chapters: readonly Chapter[]): Uint8Array {
  const kept = chapters.slice(0, MAX_CHAPTERS);
  const parts: Buffer[] = [Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, kept.length])];
  for (const chapter of kept) {
    const head = Buffer.alloc(9);
    head.writeBigUInt64BE(BigInt(Math.round(chapter.start * TICKS_PER_SECOND)), 0);
    const title = titleBytes(chapter.title, MAX_TITLE_BYTES);
    head.writeUInt8(title.length, 8);
    parts.push(head, title);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** The chapters of a Nero chapter list's contents; an empty list for anything malformed. */
export function readChplBox(contents: Uint8Array): Chapter[] {
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  if (bytes.length < 5) return [];
  let at = bytes[0] === 1 ? 8 : 4;
  const count = bytes[at] ?? 0;
  at += 1;
  const chapters: Chapter[] = [];
  for (let index = 0; index < count && at + 9 <= bytes.length; index += 1) {
    const start = Number(bytes.readBigUInt64BE(at)) / TICKS_PER_SECOND;
    const length = bytes[at + 8] ?? 0;
    if (at + 9 + length > bytes.length) break;
    chapters.push({ start, title: bytes.subarray(at + 9, at + 9 + length).toString('utf8') });
    at += 9 + length;
  }
  return chapters;
}
