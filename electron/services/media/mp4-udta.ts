import { open } from 'node:fs/promises';

/** A top-level box of an MP4 file: where it starts, how long its header is, and its whole size. */
interface TopBox {
  readonly type: string;
  readonly start: number;
  readonly size: number;
}

/** A box's four-character type as MP4 writes it (`©` is the single byte 0xA9). */
function typeBytes(type: string): Buffer {
  return Buffer.from(Array.from(type, (character) => (character === '©' ? 0xa9 : character.charCodeAt(0))));
}

const typeOf = (bytes: Buffer): string =>
  Array.from(bytes, (byte) => (byte === 0xa9 ? '©' : String.fromCharCode(byte))).join('');

function box(type: string, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + content.length, 0);
  typeBytes(type).copy(header, 4);
  return Buffer.concat([header, content]);
}

/** A QuickTime user-data text box: length, language (undetermined), UTF-8 text. */
function textBox(type: string, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8').subarray(0, 0xffff);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(bytes.length, 0);
  head.writeUInt16BE(0x55c4, 2); // 'und', packed ISO-639-2
  return box(type, Buffer.concat([head, bytes]));
}

/** The boxes directly inside `buffer` (children of a container), or null when they do not add up. */
function children(buffer: Buffer): { type: string; bytes: Buffer }[] | null {
  const found: { type: string; bytes: Buffer }[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at);
    if (size < 8 || at + size > buffer.length) return null;
    found.push({ type: typeOf(buffer.subarray(at + 4, at + 8)), bytes: buffer.subarray(at, at + size) });
    at += size;
  }
  return at === buffer.length ? found : null;
}

/**
 * The file's top-level boxes, or null when they do not add up. `cut` is set when the last box runs past the end of the
 * file (a write that stopped part-way); that box is not listed.
 */
async function topBoxes(file: string): Promise<{ boxes: TopBox[]; cut: TopBox | null } | null> {
  const handle = await open(file, 'r');
  try {
    const { size: length } = await handle.stat();
    const boxes: TopBox[] = [];
    const header = Buffer.alloc(16);
    let at = 0;
    while (at < length) {
      const { bytesRead } = await handle.read(header, 0, 16, at);
      if (bytesRead < 8) return { boxes, cut: { type: '', start: at, size: length - at } };
      let size = header.readUInt32BE(0);
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      // A box that runs to the end of the file (size 0) leaves no room to append after it.
      if (size < 8) return null;
      const type = typeOf(header.subarray(4, 8));
      if (at + size > length) return { boxes, cut: { type, start: at, size } };
      boxes.push({ type, start: at, size });
      at += size;
    }
    return { boxes, cut: null };
  } finally {
    await handle.close();
  }
}

/**
 * Where an earlier `writeUserData` stopped after appending its movie box (whole or in part) but before retiring the
 * old one — a process killed while filing — the file is cut back to where that append began, as it was before it.
 * Only a movie box after the movie box players read is taken for ours; anything else is left to the caller to refuse.
 */
async function undoInterruptedAppend(file: string): Promise<TopBox[] | null> {
  const found = await topBoxes(file);
  if (!found) return null;
  const { boxes, cut } = found;
  const read = boxes.findIndex((entry) => entry.type === 'moov');
  if (read === -1) return cut ? null : boxes;
  let appended: number | null = null;
  if (cut) {
    // A movie box cut short (or not even its header written) at the end.
    if (cut.type !== 'moov' && cut.type !== '') return null;
    appended = cut.start;
  } else if (boxes.length - 1 > read && boxes.at(-1)?.type === 'moov') {
    // A whole second movie box at the end, while the one players read is still the old one.
    appended = boxes.at(-1)?.start ?? null;
  }
  if (appended === null) return boxes;
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(appended);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return boxes.filter((entry) => entry.start < appended);
}

/** What to write into the movie's user data: text boxes and raw private boxes, by four-character type. */
export interface UserData {
  readonly texts: Readonly<Record<string, string>>;
  readonly raw: Readonly<Record<string, Uint8Array>>;
}

/** Puts the file back as it was before `writeUserData`. */
export type UndoUserData = () => Promise<void>;

/**
 * Writes user data into an MP4 in place without touching a byte of its media: a new movie box — the same but for its
 * `udta` — is appended at the end, then the old one's type is overwritten with `free` (same size, so no sample offset
 * moves). At every moment the file has one movie box a player reads first: the old one until that last 4-byte write,
 * the new one after. Boxes of these types already in `udta` are replaced, the rest kept. Answers how to undo it, or
 * null (nothing written) for files this cannot handle safely: fragmented MP4, a 64-bit movie header, a box that runs
 * to the end of the file. A movie box left at the end by an earlier call that was stopped before its last write is cut
 * off first, so a second run finishes the first instead of appending beside it.
 */
export async function writeUserData(file: string, data: UserData): Promise<UndoUserData | null> {
  const boxes = await undoInterruptedAppend(file);
  const moov = boxes?.find((entry) => entry.type === 'moov');
  if (!boxes || !moov || boxes.some((entry) => entry.type === 'moof')) return null;
  const handle = await open(file, 'r+');
  try {
    const movie = Buffer.alloc(moov.size);
    await handle.read(movie, 0, moov.size, moov.start);
    if (movie.readUInt32BE(0) !== moov.size) return null; // a 64-bit size header
    const parts = children(movie.subarray(8));
    if (!parts) return null;
    const written = new Set([...Object.keys(data.texts), ...Object.keys(data.raw)]);
    const oldUserData = parts.find((part) => part.type === 'udta');
    const kept = oldUserData ? (children(oldUserData.bytes.subarray(8)) ?? []) : [];
    const userData = box(
      'udta',
      Buffer.concat([
        ...kept.filter((part) => !written.has(part.type)).map((part) => part.bytes),
        ...Object.entries(data.texts).map(([type, text]) => textBox(type, text)),
        ...Object.entries(data.raw).map(([type, bytes]) => box(type, Buffer.from(bytes))),
      ]),
    );
    const newMovie = box(
      'moov',
      Buffer.concat([...parts.filter((part) => part.type !== 'udta').map((part) => part.bytes), userData]),
    );
    const { size: length } = await handle.stat();
    await handle.write(newMovie, 0, newMovie.length, length);
    await handle.sync();
    await handle.write(typeBytes('free'), 0, 4, moov.start + 4);
    await handle.sync();
    return async () => {
      const undo = await open(file, 'r+');
      try {
        await undo.write(typeBytes('moov'), 0, 4, moov.start + 4);
        await undo.sync();
        await undo.truncate(length);
        await undo.sync();
      } finally {
        await undo.close();
      }
    };
  } finally {
    await handle.close();
  }
}
