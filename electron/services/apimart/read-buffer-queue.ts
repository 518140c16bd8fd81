/** Pieces of socket reads waiting to be handed on, and the buffers those reads land in, reused when free. */
export interface ReadBufferQueue {
  /** Queues a view into the buffer being read into (or, with `owned`, bytes of its own). */
  push(piece: Uint8Array, owned?: boolean): void;
  /** The next queued piece, valid until `shift` is called again; hands the previous one's buffer back for reuse. */
  shift(): Uint8Array | undefined;
  /** How many pieces wait. */
  readonly length: number;
  /** The buffer the next read lands in: the current one unless a queued piece still points into it. */
  nextReadBuffer(): Buffer;
}

/**
 * Keeps reads landing in the same few buffers. A plain socket pauses as soon as asked, so one buffer serves the whole
 * download; TLS hands on every record it has already decrypted even after a pause, so those land in a second (or
 * third) buffer rather than over data still queued.
 */
export function createReadBufferQueue(bufferBytes: number): ReadBufferQueue {
  const free: Buffer[] = [];
  let filling: Buffer = Buffer.allocUnsafe(bufferBytes);
  const queued: { readonly piece: Uint8Array; readonly home: Buffer | null }[] = [];
  let lent: Buffer | null = null;

  return {
    push(piece, owned = false) {
      queued.push({ piece, home: owned ? null : filling });
    },
    shift() {
      const previous = lent;
      const entry = queued.shift();
      lent = entry?.home ?? null;
      if (previous && previous !== filling && previous !== lent && !queued.some(({ home }) => home === previous))
        free.push(previous);
      return entry?.piece;
    },
    get length() {
      return queued.length;
    },
    nextReadBuffer() {
      if (lent === filling || queued.some(({ home }) => home === filling))
        filling = free.pop() ?? Buffer.allocUnsafe(bufferBytes);
      return filling;
    },
  };
}
