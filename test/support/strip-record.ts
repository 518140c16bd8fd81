/**
 * A filed video as the server sent it: Reelbench writes a video's record by appending a new movie box and turning the
 * old one into `free` padding (no media byte moves), so undoing exactly that gives back the downloaded bytes. A file
 * without such an edit is returned as it is.
 */
export function asDownloaded(filed: Buffer): Buffer {
  const boxes: { type: string; start: number; size: number }[] = [];
  let at = 0;
  while (at + 8 <= filed.length) {
    const size = filed.readUInt32BE(at);
    if (size < 8 || at + size > filed.length) return filed;
    boxes.push({ type: filed.toString('latin1', at + 4, at + 8), start: at, size });
    at += size;
  }
  const last = boxes.at(-1);
  const padding = boxes.find(
    (entry) => entry.type === 'free' && filed.toString('latin1', entry.start + 12, entry.start + 16) === 'mvhd',
  );
  if (!last || last.type !== 'moov' || !padding) return filed;
  const original = Buffer.from(filed.subarray(0, last.start));
  original.write('moov', padding.start + 4, 'latin1');
  return original;
}
