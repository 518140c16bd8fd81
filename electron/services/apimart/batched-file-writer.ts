import { close, fdatasync, fsync, open, writev } from 'node:fs';
import { promisify } from 'node:util';

const openFile = promisify(open);
const writeVectors = promisify(writev);
const syncData = promisify(fdatasync);
const syncFile = promisify(fsync);
const closeFile = promisify(close);

/** Chunks gathered before one `writev`: few, large writes instead of one per network chunk. */
const BATCH_BYTES = 1024 * 1024;
/** Written bytes between background `fdatasync`s: see `write`. */
const SYNC_EVERY_BYTES = 32 * 1024 * 1024;

/** A file being appended to by a download. */
export interface BatchedFileWriter {
  /** Queues `chunk`; resolves at once unless a full batch has to wait for the previous write (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Writes what is left and syncs the file to disk, then closes it. */
  finish(): Promise<void>;
  /** Closes the file without syncing, after a failure; what was written stays for a resume. */
  abandon(): Promise<void>;
}

/**
 * Opens `file` for a download: gathers network chunks into batches written with one `writev` each, at most one
 * write in flight, so memory stays at about two batches. Every `SYNC_EVERY_BYTES` it also flushes to disk in the
 * background, so the fsync the atomic rename needs at the end has only the tail left: the disk works while the
 * network does. A failed background flush is not reported there; the final fsync reports it.
 */
export async function openBatchedFileWriter(file: string, mode: 'truncate' | 'append'): Promise<BatchedFileWriter> {
  const fd = await openFile(file, mode === 'append' ? 'a' : 'w');
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let sinceSync = 0;
  let writing: Promise<void> = Promise.resolve();
  let syncing: Promise<void> | null = null;
  let closed = false;

  async function flushBatch(): Promise<void> {
    await writing;
    if (batch.length === 0) return;
    const vectors = batch;
    sinceSync += batchBytes;
    batch = [];
    batchBytes = 0;
    writing = writeVectors(fd, vectors).then(() => undefined);
    // Marked handled now; the failure is rethrown to whoever awaits `writing` next (the next batch or `finish`).
    writing.catch(() => undefined);
    if (sinceSync >= SYNC_EVERY_BYTES && !syncing) {
      sinceSync = 0;
      const current = writing;
      syncing = current
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
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= BATCH_BYTES) await flushBatch();
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
