import { MalformedResponse } from './http1-response-head';

/** A chunk-size line, extensions included, longer than this is refused rather than buffered. */
const MAX_LINE_BYTES = 4 * 1024;
const CR = 0x0d;
const LF = 0x0a;

/** Undoes HTTP/1.1 chunked transfer coding (RFC 9112 §7.1), fed the bytes as they arrive, in any split. */
export interface ChunkedDecoder {
  /** Hands every piece of data in `input` to `emit` (views into `input`, not copies). */
  push(input: Uint8Array, emit: (data: Uint8Array) => void): void;
  /** Whether the last chunk and the trailer section have been read. */
  readonly done: boolean;
}

/** Starts decoding one chunked body. Throws MalformedResponse on anything that is not chunked coding. */
export function createChunkedDecoder(): ChunkedDecoder {
  let state: 'size' | 'data' | 'dataEnd' | 'trailer' | 'done' = 'size';
  let line = '';
  let remaining = 0;

  /** Collects one CRLF-terminated line from `input` at `at`; answers where reading goes on, and the line if complete. */
  function readLine(input: Uint8Array, at: number): { next: number; line: string | null } {
    const newline = input.indexOf(LF, at);
    const end = newline < 0 ? input.length : newline;
    line += Buffer.from(input.buffer, input.byteOffset + at, end - at).toString('latin1');
    if (line.length > MAX_LINE_BYTES) throw new MalformedResponse('a chunked body with an overlong line');
    if (newline < 0) return { next: input.length, line: null };
    if (!line.endsWith('\r')) throw new MalformedResponse('a chunked body with a bare line feed');
    const complete = line.slice(0, -1);
    line = '';
    return { next: newline + 1, line: complete };
  }

  return {
    get done() {
      return state === 'done';
    },
    push(input, emit) {
      let at = 0;
      while (at < input.length && state !== 'done') {
        if (state === 'data') {
          const take = Math.min(remaining, input.length - at);
          emit(input.subarray(at, at + take));
          at += take;
          remaining -= take;
          if (remaining === 0) state = 'dataEnd';
        } else if (state === 'dataEnd') {
          // The CRLF after a chunk's data may itself arrive split.
          const expected = line === '' ? CR : LF;
          if (input[at] !== expected) throw new MalformedResponse('a chunk longer than its size');
          at += 1;
          line = expected === CR ? '\r' : '';
          if (expected === LF) state = 'size';
        } else {
          const read = readLine(input, at);
          at = read.next;
          if (read.line === null) continue;
          if (state === 'trailer') {
            if (read.line === '') state = 'done';
            continue;
          }
          const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(read.line);
          if (!size) throw new MalformedResponse('a chunked body with an invalid chunk size');
          remaining = Number.parseInt(size[1] ?? '', 16);
          state = remaining === 0 ? 'trailer' : 'data';
        }
      }
    },
  };
}
