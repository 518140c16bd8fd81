import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** A top-level box: where it starts, its size, and the first four bytes of its content (to know a freed `moov`). */
interface TopBox {
  readonly type: string;
  readonly start: number;
  readonly size: number;
  readonly firstChild: string;
}

const CHUNK = 1024 * 1024;

/**
 * The SHA-256 of a video as the server sent it, whether or not Reelbench has written its record into it: the record is
 * written by appending a new movie box and turning the old one into `free` padding (no media byte moves), so hashing
 * the bytes before the appended box, with the padding's type read as `moov` again, gives the download's own hash.
 * A file that was not edited that way (or whose boxes do not add up) is hashed as it is. Streams: flat memory.
 */
export async function downloadedSha256(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size: length } = await handle.stat();
    const boxes: TopBox[] = [];
    const header = Buffer.alloc(16);
    let whole = true;
    for (let at = 0; at < length;) {
      const { bytesRead } = await handle.read(header, 0, 16, at);
      const size = bytesRead >= 8 ? header.readUInt32BE(0) : 0;
      if (size < 8 || at + size > length) {
        whole = false;
        break;
      }
      boxes.push({
        type: header.toString('latin1', 4, 8),
        start: at,
        size,
        firstChild: bytesRead >= 16 ? header.toString('latin1', 12, 16) : '',
      });
      at += size;
    }
    const last = boxes.at(-1);
    const padding = boxes.find((entry) => entry.type === 'free' && entry.firstChild === 'mvhd');
    const edited = whole && last?.type === 'moov' && padding !== undefined;
    const end = edited && last ? last.start : length;
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK);
    // The old movie box's type, turned into `free` by the edit, is hashed as the `moov` it was; a read stops right
    // before it, so those four bytes always start a piece.
    const typeAt = edited && padding ? padding.start + 4 : -1;
    for (let at = 0; at < end;) {
      const upTo = at < typeAt ? Math.min(end, typeAt) : end;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, upTo - at), at);
      if (bytesRead === 0) break;
      const piece = buffer.subarray(0, bytesRead);
      if (at === typeAt && bytesRead >= 4) piece.write('moov', 0, 'latin1');
      hash.update(piece);
      at += bytesRead;
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
