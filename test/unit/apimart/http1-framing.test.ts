import { describe, expect, it } from 'vitest';
import { createChunkedDecoder } from '../../../electron/services/apimart/chunked-decoder';
import { bodyFramingOf, parseResponseHead } from '../../../electron/services/apimart/http1-response-head';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function headOf(text: string) {
  const head = parseResponseHead(bytes(text));
  if (!head) throw new Error('incomplete head');
  return head;
}

/** Feeds `encoded` to a fresh decoder in pieces of `step` bytes, each piece in a buffer reused for the next. */
function decodeInSteps(encoded: Buffer, step: number): { data: Buffer; done: boolean } {
  const decoder = createChunkedDecoder();
  const out: Buffer[] = [];
  const reused = Buffer.alloc(step);
  for (let at = 0; at < encoded.length; at += step) {
    const piece = reused.subarray(0, encoded.copy(reused, 0, at, at + step));
    decoder.push(piece, (data) => out.push(Buffer.from(data))); // copied before the buffer is reused
  }
  return { data: Buffer.concat(out), done: decoder.done };
}

describe('an HTTP/1.1 response head', () => {
  it('is read once its blank line has arrived, with lowercased names, repeated headers kept and the body after it', () => {
    const text =
      'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 5-9/10\r\nSet-Cookie: a\r\nset-cookie: b\r\n\r\nbody';
    expect(parseResponseHead(bytes(text.slice(0, 40)))).toBeNull();
    const head = headOf(text);
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toEqual(['bytes 5-9/10']);
    expect(head.headers.get('set-cookie')).toEqual(['a', 'b']);
    expect(bytes(text).subarray(head.length).toString()).toBe('body');
    expect(headOf('HTTP/1.0 200\r\n\r\n').status).toBe(200);
  });

  it('refuses what is not HTTP/1.x, a folded or nameless header line, and a head without end', () => {
    expect(() => parseResponseHead(bytes('HTTP/2 200\r\n\r\n'))).toThrow(/not an HTTP\/1.1 response/);
    expect(() => parseResponseHead(bytes('<html>hello</html>\r\n\r\n'))).toThrow(/not an HTTP\/1.1 response/);
    expect(() => parseResponseHead(bytes('HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n'))).toThrow(/malformed/);
    expect(() => parseResponseHead(bytes('HTTP/1.1 200 OK\r\n: x\r\n\r\n'))).toThrow(/malformed/);
    expect(() => parseResponseHead(bytes(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`))).toThrow(/too long/);
  });

  it('frames the body by chunked coding, then a single length, else until the connection closes', () => {
    expect(bodyFramingOf(headOf('HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 9\r\n\r\n'))).toEqual(
      {
        kind: 'chunked',
      },
    );
    expect(bodyFramingOf(headOf('HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n'))).toEqual({
      kind: 'length',
      bytes: 42,
    });
    expect(bodyFramingOf(headOf('HTTP/1.1 200 OK\r\nContent-Length: 42, 42\r\n\r\n'))).toEqual({
      kind: 'length',
      bytes: 42,
    });
    expect(bodyFramingOf(headOf('HTTP/1.1 200 OK\r\n\r\n'))).toEqual({ kind: 'untilClose' });
    expect(bodyFramingOf(headOf('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n'))).toEqual({ kind: 'none' });
  });

  it('refuses framings that would make the file wrong: two lengths, a negative one, a compressed coding', () => {
    const framing = (text: string) => () => bodyFramingOf(headOf(text));
    expect(framing('HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n')).toThrow(/Content-Length/);
    expect(framing('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/Content-Length/);
    expect(framing('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n')).toThrow(/transfer encoding/);
  });
});

describe('a chunked body', () => {
  const payload = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 251));
  const encoded = Buffer.concat([
    bytes('7d0;name=value\r\n'),
    payload.subarray(0, 2000),
    bytes('\r\nBB8\r\n'),
    payload.subarray(2000),
    bytes('\r\n0\r\nX-Trailer: yes\r\n\r\n'),
  ]);

  it('decodes to the data alone, split at every possible place, and knows when it has ended', () => {
    for (const step of [1, 2, 3, 7, 16, 999, encoded.length]) {
      const { data, done } = decodeInSteps(encoded, step);
      expect(data.equals(payload), `in pieces of ${step}`).toBe(true);
      expect(done).toBe(true);
    }
    expect(decodeInSteps(encoded.subarray(0, encoded.length - 2), 64).done).toBe(false);
  });

  it('refuses a size that is not hex, a chunk longer than its size and a bare line feed', () => {
    const decode = (text: string) => () => createChunkedDecoder().push(bytes(text), () => undefined);
    expect(decode('zz\r\n')).toThrow(/invalid chunk size/);
    expect(decode('3\r\nabcd\r\n')).toThrow(/longer than its size/);
    expect(decode('3\nabc\r\n')).toThrow(/bare line feed/);
    expect(decode(`${'1'.repeat(5000)}`)).toThrow(/overlong line/);
  });
});
