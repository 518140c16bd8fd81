import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../shared/i18n/error-text';
import { EXPORTS_FOLDER } from './sequence-export';

/** Past this, a take the window encoded is refused: no generated clip comes near it. */
const MAX_TAKE_BYTES = 4 * 1024 * 1024 * 1024;

/** Which file of an upload a piece belongs to: an encoded take (by its place in the film) or the mixed sound. */
export type UploadPart = 'take' | 'soundtrack';

/** What the window sends for one film: takes encoded again (0 when they are joined as filed) and/or its sound. */
export interface UploadShape {
  readonly takes: number;
  readonly soundtrack: boolean;
}

/** The received files, once everything announced has arrived. */
export interface UploadedFiles {
  /** Null when the takes are joined as filed. */
  readonly takes: readonly string[] | null;
  readonly soundtrack: string | null;
}

/** What the window made for a film (takes encoded again, its mixed sound), received in pieces until it is joined. */
export interface EncodedUploads {
  begin(libraryRoot: string, boardId: string, shape: UploadShape): Promise<string>;
  /** Writes a piece of take `index` (or of the soundtrack) at `offset`. */
  write(uploadId: string, part: UploadPart, index: number, offset: number, bytes: Buffer): Promise<void>;
  /** The received files; the caller removes them with `discard`. */
  files(uploadId: string, boardId: string): Promise<UploadedFiles>;
  discard(uploadId: string): Promise<void>;
}

/** Creates the store of uploads under way (one process, in memory; the files live in the library's exports folder). */
export function createEncodedUploads(): EncodedUploads {
  const uploads = new Map<string, { boardId: string; folder: string } & UploadShape>();
  const known = (uploadId: string) => {
    const upload = uploads.get(uploadId);
    if (!upload) throw appError('notFound', 'error.board.encodedUnknown');
    return upload;
  };
  const fileOf = (folder: string, part: UploadPart, index: number) =>
    path.join(folder, part === 'soundtrack' ? 'soundtrack.mp4' : `${index}.mp4`);
  const received = async (file: string) => {
    const found = await stat(file).catch(() => null);
    if (!found?.isFile() || found.size === 0) throw appError('invalidInput', 'error.board.encodedMismatch');
    return file;
  };
  return {
    async begin(libraryRoot, boardId, shape) {
      const id = randomUUID();
      const folder = path.join(libraryRoot, EXPORTS_FOLDER, id);
      await mkdir(folder, { recursive: true });
      uploads.set(id, { boardId, folder, ...shape });
      return id;
    },
    async write(uploadId, part, index, offset, bytes) {
      const upload = known(uploadId);
      const expected = part === 'soundtrack' ? upload.soundtrack && index === 0 : index < upload.takes;
      if (!expected || offset + bytes.length > MAX_TAKE_BYTES)
        throw appError('invalidInput', 'error.board.encodedMismatch');
      const handle = await open(fileOf(upload.folder, part, index), offset === 0 ? 'w' : 'r+');
      try {
        await handle.write(bytes, 0, bytes.length, offset);
      } finally {
        await handle.close();
      }
    },
    async files(uploadId, boardId) {
      const upload = known(uploadId);
      if (upload.boardId !== boardId) throw appError('notFound', 'error.board.encodedUnknown');
      const takes: string[] = [];
      for (let index = 0; index < upload.takes; index += 1)
        takes.push(await received(fileOf(upload.folder, 'take', index)));
      return {
        takes: upload.takes > 0 ? takes : null,
        soundtrack: upload.soundtrack ? await received(fileOf(upload.folder, 'soundtrack', 0)) : null,
      };
    },
    async discard(uploadId) {
      const upload = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (upload) await rm(upload.folder, { recursive: true, force: true });
    },
  };
}
