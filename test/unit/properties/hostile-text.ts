import fc from 'fast-check';

/** How many inputs each property tries: bounded in CI, more under `npm run mutation` (FAST_CHECK_RUNS). */
export const RUNS = Number(process.env['FAST_CHECK_RUNS'] ?? 60);

/**
 * A hang detector, not a speed target: no parser of outside text may take this long on one input. A super-linear
 * pattern takes seconds to minutes on the big inputs below; a linear one, milliseconds.
 */
export const PER_INPUT_MS = 1_000;

/** Runs `work` and says whether it finished within the bound (the result is checked by the caller). */
export function timed<T>(work: () => T): { readonly value: T; readonly ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

const words = ['model', 'not', 'found', 'error', 'balance', 'policy', '"', '\\', '{', '[', ':', ',', ' ', '\n', '```'];

/** Outside text in the shapes that break parsers: huge, deeply nested, repeated, binary, unicode edge cases. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  // Repeated tokens, up to about a megabyte: where backtracking patterns go quadratic.
  fc
    .tuple(fc.constantFrom(...words), fc.constantFrom(...words), fc.integer({ min: 1, max: 150_000 }))
    .map(([a, b, times]) => `${a} ${b} `.repeat(times)),
  // Nesting far past any limit, open or closed.
  fc
    .tuple(fc.constantFrom('[', '{"a":'), fc.integer({ min: 1, max: 300_000 }), fc.boolean())
    .map(([open, depth, closed]) => open.repeat(depth) + (closed ? (open === '[' ? ']' : '}').repeat(depth) : '')),
  fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value)),
);

/** JSON objects with hostile strings in every place a field could be. */
export const hostileObject: fc.Arbitrary<string> = fc
  .dictionary(
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('error', 'message', 'code', 'type', 'msg', '__proto__')),
    fc.oneof(
      hostileText,
      fc.integer(),
      fc.dictionary(fc.constantFrom('message', 'code', 'type'), hostileText, { maxKeys: 3 }),
    ),
    { maxKeys: 5 },
  )
  .map((record) => JSON.stringify(record));

/** Error bodies in the gateway's three shapes, their message hostile text: what the classifier reads first. */
export const hostileErrorBody: fc.Arbitrary<string> = fc
  .tuple(hostileText, fc.constantFrom('openai', 'flat', 'success'))
  .map(([message, shape]) =>
    JSON.stringify(
      shape === 'openai'
        ? { error: { message, type: 'invalid_request_error' } }
        : shape === 'flat'
          ? { code: 400, message }
          : { success: false, message },
    ),
  );
