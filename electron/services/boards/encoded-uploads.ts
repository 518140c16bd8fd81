import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../../shared/i18n/error-text';
import { EXPORTS_FOLDER } from './sequence-export';

/** Past this, a take the window encoded is refused: no generated clip comes near it. */
const MAX_TAKE_BYTES = 4 * 1024 * 1024 * 1024;

/** Takes the window encoded again, received in pieces into a folder of their own until the film is joined. */
export interface EncodedUploads {
  begin(libraryRoot: string, boardId: string, takes: number): Promise<string>;
  /** Writes a piece of take `index` at `offset`. */
  write(uploadId: string, index: number, offset: number, bytes: Buffer): Promise<void>;
  /** The received files, in order, once every take has arrived; the caller removes them with `discard`. */
  files(uploadId: string, boardId: string): Promise<string[]>;
  discard(uploadId: string): Promise<void>;
}

/** Creates the store of uploads under way (one process, in memory; the files live in the library's exports folder). */
export function createEncodedUploads(): EncodedUploads {
  const uploads = new Map<string, { boardId: string; folder: string; takes: number }>();
  const known = (uploadId: string) => {
    const upload = uploads.get(uploadId);
    if (!upload) throw appError('notFound', 'error.board.encodedUnknown');
    return upload;
  };
  const fileOf = (folder: string, index: number) => path.join(folder, `${index}.mp4`);
  return {
    async begin(libraryRoot, boardId, takes) {
      const id = randomUUID();
      const folder = path.join(libraryRoot, EXPORTS_FOLDER, id);
      await mkdir(folder, { recursive: true });
      uploads.set(id, { boardId, folder, takes });
      return id;
    },
    async write(uploadId, index, offset, bytes) {
      const upload = known(uploadId);
      if (index >= upload.takes || offset + bytes.length > MAX_TAKE_BYTES)
        throw appError('invalidInput', 'error.board.encodedMismatch');
      const handle = await open(fileOf(upload.folder, index), offset === 0 ? 'w' : 'r+');
      try {
        await handle.write(bytes, 0, bytes.length, offset);
      } finally {
        await handle.close();
      }
    },
    async files(uploadId, boardId) {
      const upload = known(uploadId);
      if (upload.boardId !== boardId) throw appError('notFound', 'error.board.encodedUnknown');
      const files = Array.from({ length: upload.takes }, (_, index) => fileOf(upload.folder, index));
      for (const file of files) {
        const found = await stat(file).catch(() => null);
        if (!found?.isFile() || found.size === 0) throw appError('invalidInput', 'error.board.encodedMismatch');
      }
      return files;
    },
    async discard(uploadId) {
      const upload = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (upload) await rm(upload.folder, { recursive: true, force: true });
    },
  };
}
