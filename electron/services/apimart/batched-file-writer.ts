import { close, fdatasync, fsync, open, write } from 'node:fs';
import { promisify } from 'node:util';

const openFile = promisify(open);
const writeBytes = promisify(write);
const syncData = promisify(fdatasync);
const syncFile = promisify(fsync);
const closeFile = promisify(close);

/** Bytes gathered before one write: few, large writes instead of one per network chunk. */
const BATCH_BYTES = 1024 * 1024;
/** Written bytes between background `fdatasync`s: see `write`. */
const SYNC_EVERY_BYTES = 32 * 1024 * 1024;

/** Writes all of `bytes` at the file's current position (a write may take only part of them). */
async function writeWhole(fd: number, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    const { bytesWritten } = await writeBytes(fd, bytes, written, bytes.length - written, null);
    written += bytesWritten;
  }
}

/** A file being appended to by a download. */
export interface BatchedFileWriter {
  /**
   * Copies `chunk` into the batch: the caller may reuse it once the promise resolves. Resolves at once unless a full
   * batch has to wait for the previous write (backpressure).
   */
  write(chunk: Uint8Array): Promise<void>;
  /** Writes what is left and syncs the file to disk, then closes it. */
  finish(): Promise<void>;
  /** Closes the file without syncing, after a failure; what was written stays for a resume. */
  abandon(): Promise<void>;
}

/**
 * Opens `file` for a download: copies network chunks into one of two reused batch buffers, each written whole while
 * the other fills, so memory stays at two batches and no buffer is allocated per chunk (fresh memory is paid for
 * page by page). Every `SYNC_EVERY_BYTES` it also flushes to disk in the background, so the fsync the atomic rename
 * needs at the end has only the tail left: the disk works while the network does. A failed background flush is not reported there; the final fsync reports it.
 */
export async function openBatchedFileWriter(file: string, mode: 'truncate' | 'append'): Promise<BatchedFileWriter> {
  const fd = await openFile(file, mode === 'append' ? 'a' : 'w');
  const batches = [Buffer.allocUnsafe(BATCH_BYTES), Buffer.allocUnsafe(BATCH_BYTES)] as const;
  let current: 0 | 1 = 0;
  let batchBytes = 0;
  let sinceSync = 0;
  let writing: Promise<void> = Promise.resolve();
  let syncing: Promise<void> | null = null;
  let closed = false;

  async function flushBatch(): Promise<void> {
    await writing;
    if (batchBytes === 0) return;
    const bytes = batches[current].subarray(0, batchBytes);
    sinceSync += batchBytes;
    current = current === 0 ? 1 : 0;
    batchBytes = 0;
    writing = writeWhole(fd, bytes);
    // Marked handled now; the failure is rethrown to whoever awaits `writing` next (the next batch or `finish`).
    writing.catch(() => undefined);
    if (sinceSync >= SYNC_EVERY_BYTES && !syncing) {
      sinceSync = 0;
      const written = writing;
      syncing = written
        .then(() => syncData(fd))
        .catch(() => undefined)
        .finally(() => {
          syncing = null;
        });
    }
  }

  async function closeOnce(): Promise<void> {
    if (closed) return;
    closed = true;
    await closeFile(fd);
  }

  return {
    async write(chunk) {
      for (let copied = 0; copied < chunk.length;) {
        const take = Math.min(BATCH_BYTES - batchBytes, chunk.length - copied);
        batches[current].set(chunk.subarray(copied, copied + take), batchBytes);
        batchBytes += take;
        copied += take;
        if (batchBytes === BATCH_BYTES) await flushBatch();
      }
    },
    async finish() {
      try {
        await flushBatch();
        await writing;
        await syncing;
        await syncFile(fd);
      } finally {
        await closeOnce();
      }
    },
    async abandon() {
      try {
        await flushBatch();
        await writing;
        await syncing;
      } catch {
        // The download already failed; the partial file keeps whatever reached it.
      } finally {
        await closeOnce();
      }
    },
  };
}
