/** The status line and headers of one HTTP/1.1 response. */
export interface ResponseHead {
  readonly status: number;
  /** Header names lowercased; a header sent more than once keeps its values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  /** Bytes of the buffer the head took, its blank line included: the body starts there. */
  readonly length: number;
}

/** A head larger than this is refused rather than buffered without end (servers cap theirs near 8–16 KiB). */
export const MAX_HEAD_BYTES = 64 * 1024;

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** Thrown for a response that is not HTTP/1.1 as a download expects it. */
export class MalformedResponse extends Error {
  override readonly name = 'MalformedResponse';
}

/**
 * Reads a response head from the start of `bytes`: null while its blank line has not arrived yet. Throws
 * MalformedResponse for a head that is too long or not HTTP/1.x (an obsolete folded header line included).
 */
export function parseResponseHead(bytes: Uint8Array): ResponseHead | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) {
    if (buffer.length > MAX_HEAD_BYTES) throw new MalformedResponse('the response headers are too long');
    return null;
  }
  if (end > MAX_HEAD_BYTES) throw new MalformedResponse('the response headers are too long');
  const [statusLine = '', ...lines] = buffer.toString('latin1', 0, end).split('\r\n');
  const status = STATUS_LINE.exec(statusLine);
  if (!status) throw new MalformedResponse(`not an HTTP/1.1 response: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const header = HEADER_LINE.exec(line);
    if (!header) throw new MalformedResponse(`a malformed response header: ${JSON.stringify(line.slice(0, 40))}`);
    const name = (header[1] ?? '').toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), header[2] ?? '']);
  }
  return { status: Number(status[1]), headers, length: end + 4 };
}

/** How the body after a head is framed (RFC 9112 §6.3, for a GET). */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'length'; readonly bytes: number }
  | { readonly kind: 'untilClose' };

/** Works out the framing of a GET's response body from its head. */
export function bodyFramingOf(head: ResponseHead): BodyFraming {
  if ((head.status >= 100 && head.status < 200) || head.status === 204 || head.status === 304) return { kind: 'none' };
  const encodings = (head.headers.get('transfer-encoding') ?? [])
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
  if (encodings.length > 0) {
    // Only plain `chunked` is asked for (no Accept-Encoding); anything else would hand us bytes we cannot file.
    if (encodings.length !== 1 || encodings[0] !== 'chunked')
      throw new MalformedResponse(`an unsupported transfer encoding: ${encodings.join(', ')}`);
    return { kind: 'chunked' };
  }
  const lengths = new Set(
    (head.headers.get('content-length') ?? []).flatMap((value) => value.split(',')).map((v) => v.trim()),
  );
  if (lengths.size === 0) return { kind: 'untilClose' };
  const [length = ''] = lengths;
  // Differing lengths are a smuggling signature (RFC 9112 §6.3); refuse rather than guess.
  if (lengths.size > 1 || !/^\d{1,15}$/.test(length)) throw new MalformedResponse('an invalid Content-Length');
  return { kind: 'length', bytes: Number(length) };
}
