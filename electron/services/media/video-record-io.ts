import { parseJsonWithin } from '../../../shared/text/bounded-json';
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ALL_FORMATS, FilePathSource, Input } from 'mediabunny';
import { videoRecordSchema, type VideoRecord } from '../../../shared/library/video-record';
import { readChplBox, type Chapter } from './chapter-box';
import { remuxClips } from './mp4-remux';
import { writeUserData } from './mp4-udta';

/** The private box (in the movie's `udta`) holding the record as JSON. */
const RECORD_BOX = 'rbmd';

/** What a video file says about itself. */
export interface VideoMetadata {
  readonly title: string | null;
  readonly comment: string | null;
  /** Reelbench's record, when the file carries a valid one. */
  readonly record: VideoRecord | null;
  /** Why a record box that is there could not be read (damaged, another version). */
  readonly recordProblem: string | null;
  readonly chapters: readonly Chapter[];
  readonly duration: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Reads a video's own metadata; throws when the file is not a video mediabunny can open. */
export async function readVideoMetadata(file: string): Promise<VideoMetadata> {
  const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(file) });
  try {
    const tags = await input.getMetadataTags();
    const raw = tags.raw ?? {};
    const box = raw[RECORD_BOX];
    let record: VideoRecord | null = null;
    let recordProblem: string | null = null;
    if (box instanceof Uint8Array) {
      try {
        record = videoRecordSchema.parse(parseJsonWithin(Buffer.from(box).toString('utf8')));
      } catch (error) {
        recordProblem = error instanceof Error ? error.message.slice(0, 300) : String(error);
      }
    }
    const chapters = raw['chpl'] instanceof Uint8Array ? readChplBox(raw['chpl']) : [];
    return {
      title: text(tags.title) ?? text(raw['©nam']),
      comment: text(tags.comment) ?? text(raw['©cmt']),
      record,
      recordProblem,
      chapters,
      duration: await input.computeDuration(),
    };
  } finally {
    input.dispose();
  }
}

/** A video's record, or null when it has none (or is not a video mediabunny can open). */
export async function readVideoRecord(file: string): Promise<VideoRecord | null> {
  return readVideoMetadata(file).then(
    (metadata) => metadata.record,
    () => null,
  );
}

/**
 * Writes the record into the video: the standard title and comment tags and the whole record as JSON, in the movie
 * box only (the media bytes are not touched and nothing is copied), then reads it back; if what is read is not what
 * was written, the file is put back as it was and the write fails. A file that cannot be edited that way (fragmented
 * MP4) is remuxed beside it instead — packets copied — and put in place only once read back. A file that already
 * carries this very record is left alone, so running it again (after a crash) changes nothing.
 */
export async function writeVideoRecord(file: string, record: VideoRecord): Promise<void> {
  const before = await readVideoRecord(file);
  if (before && JSON.stringify(before) === JSON.stringify(record)) return;
  const json = new Uint8Array(Buffer.from(JSON.stringify(record), 'utf8'));
  const same = async (candidate: string) => JSON.stringify(await readVideoRecord(candidate)) === JSON.stringify(record);
  const undo = await writeUserData(file, {
    texts: { '©nam': record.title, '©cmt': record.prompt },
    raw: { [RECORD_BOX]: json },
  });
  if (undo) {
    if (await same(file)) return;
    await undo();
    throw new Error('the record read back from the video is not the one written');
  }
  const tagged = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.tagging.mp4`);
  try {
    await remuxClips([{ file, title: record.title }], tagged, {
      tags: { title: record.title, comment: record.prompt, boxes: { [RECORD_BOX]: json } },
    });
    if (!(await same(tagged))) throw new Error('the record read back from the new file is not the one written');
    await rename(tagged, file);
  } finally {
    await rm(tagged, { force: true });
  }
}
