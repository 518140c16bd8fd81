import { fc, test } from '@fast-check/vitest';
import { describe, expect, vi } from 'vitest';
import { createChatReader } from '../../../electron/services/apimart/chat-stream';
import { classifyErrorResponse } from '../../../electron/services/apimart/classify-response';
import {
  isPolicyRefusal,
  mentionsBalance,
  mentionsUnknownModel,
  summarizeErrorBody,
} from '../../../electron/services/apimart/error-body';
import { manifestFromText } from '../../../electron/services/library/removal-hold';
import { sidecarFromText } from '../../../electron/services/library/sidecar-io';
import { describeSchema } from '../../../shared/catalog/describe-schema';
import { inputSchemaSchema } from '../../../shared/catalog/input-schema';
import { JsonTooDeepError, MAX_JSON_DEPTH, parseJsonWithin } from '../../../shared/text/bounded-json';
import { firstFenced, trimEndOf, wholeFenced } from '../../../shared/text/plain-text';
import { MAX_MESSAGE_CHARS } from '../../../shared/text/shorten';
import { hostileErrorBody, hostileObject, hostileText, PER_INPUT_MS, RUNS, timed } from './hostile-text';

// Every parser of text from outside (APIMart's answers, a shared library's files), fed hostile shapes: none throws
// what it should report, none hangs, and what it keeps is bounded.
const options = { numRuns: RUNS };
// Many more runs under `npm run mutation`: each property then needs longer than a unit test's default.
vi.setConfig({ testTimeout: Math.max(5_000, RUNS * 200) });
const bodies = fc.oneof(hostileErrorBody, hostileErrorBody, hostileText, hostileObject);

describe('the error-body classifier', () => {
  test.prop([bodies], options)('summarizes any body, bounded, and decides every question in time', (body) => {
    const { value: summary, ms } = timed(() => {
      const read = summarizeErrorBody(body);
      return { read, verdicts: [mentionsBalance(read), mentionsUnknownModel(read), isPolicyRefusal(read.message)] };
    });
    expect(ms).toBeLessThan(PER_INPUT_MS);
    for (const text of [summary.read.message, summary.read.code, summary.read.type])
      expect((text ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(summary.verdicts.every((verdict) => typeof verdict === 'boolean')).toBe(true);
  });

  test.prop([bodies, fc.integer({ min: 400, max: 599 }), fc.option(fc.string({ maxLength: 40 }))], options)(
    'turns any refusal into a typed error with a bounded message',
    (body, status, model) => {
      const { value: error, ms } = timed(() =>
        classifyErrorResponse(status, 'Status', body, new Headers(), { model: model ?? undefined }, Date.now()),
      );
      expect(ms).toBeLessThan(PER_INPUT_MS);
      expect(error.code).toMatch(/^(auth|insufficientBalance|rateLimited|unknownModel|server|invalidRequest)$/);
      expect(error.toData().message.length).toBeLessThan(3 * MAX_MESSAGE_CHARS);
    },
  );
});

describe('JSON read with a depth limit', () => {
  test.prop([hostileText], options)('parses, or refuses with a SyntaxError or as too deep', (text) => {
    const { ms } = timed(() => {
      try {
        parseJsonWithin(text);
      } catch (error) {
        expect(error instanceof SyntaxError || error instanceof JsonTooDeepError).toBe(true);
      }
    });
    expect(ms).toBeLessThan(PER_INPUT_MS);
  });

  test.prop([fc.integer({ min: 1, max: 2_000 }), fc.constantFrom('[', '{"k":')], options)(
    'refuses exactly what is nested deeper than the limit',
    (depth, open) => {
      const text = open.repeat(depth) + '0' + (open === '[' ? ']' : '}').repeat(depth);
      if (depth > MAX_JSON_DEPTH) expect(() => parseJsonWithin(text)).toThrow(JsonTooDeepError);
      else expect(() => parseJsonWithin(text)).not.toThrow();
    },
  );
});

describe("a shared library's files", () => {
  test.prop([bodies], options)('a sidecar is read or reported, never thrown, with a bounded problem', (text) => {
    const { value: read, ms } = timed(() => sidecarFromText(text));
    expect(ms).toBeLessThan(PER_INPUT_MS);
    if (!read.ok) expect(read.problem.message.length).toBeLessThan(1_000);
  });

  test.prop([bodies], options)('a removal manifest is read or refused, never thrown', (text) => {
    const { value: manifest, ms } = timed(() => manifestFromText(text));
    expect(ms).toBeLessThan(PER_INPUT_MS);
    if (manifest) expect(manifest.files.length).toBeLessThanOrEqual(16);
  });
});

describe("a model's schema", () => {
  const property = fc.letrec((tie) => ({
    property: fc.record(
      {
        type: fc.oneof(fc.constantFrom('string', 'integer', 'number', 'boolean', 'array', 'object'), fc.string()),
        enum: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()), { maxLength: 300 }),
        minimum: fc.double(),
        maximum: fc.double(),
        description: fc.string({ maxLength: 5_000 }),
        items: tie('property'),
        properties: fc.dictionary(fc.string({ maxLength: 20 }), tie('property'), { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    ),
  })).property;

  test.prop([fc.dictionary(fc.string({ maxLength: 30 }), property, { maxKeys: 12 }), hostileText], options)(
    'is read as controls or refused, never thrown',
    (properties, noise) => {
      const { ms } = timed(() => {
        for (const candidate of [{ type: 'object', properties }, noise]) {
          const parsed = inputSchemaSchema.safeParse(candidate);
          if (parsed.success) describeSchema(parsed.data);
        }
      });
      expect(ms).toBeLessThan(PER_INPUT_MS);
    },
  );
});

describe('the chat answer reader', () => {
  test.prop(
    [
      fc.array(
        fc.oneof(
          hostileText,
          hostileObject.map((json) => `data: ${json}\n`),
        ),
        { maxLength: 8 },
      ),
    ],
    options,
  )('takes any stream in any pieces and ends with an answer, never an exception', (pieces) => {
    const { value: answer, ms } = timed(() => {
      const reader = createChatReader();
      for (const piece of pieces) reader.feed(piece);
      return reader.finish(pieces.join(''));
    });
    expect(ms).toBeLessThan(PER_INPUT_MS);
    expect(answer.text.length).toBeLessThanOrEqual(pieces.join('').length);
  });
});

describe('text helpers that replace backtracking patterns', () => {
  const small = fc.string({
    unit: fc.constantFrom('a', '/', '.', ' ', '`', 'j', 's', 'o', 'n', '\n', '{', '}'),
    maxLength: 40,
  });

  test.prop([small], options)('trim and fence reading agree with the patterns they replace', (text) => {
    expect(trimEndOf(text, '/')).toBe(text.replace(/\/+$/, ''));
    expect(trimEndOf(text, '. ')).toBe(text.replace(/[. ]+$/, ''));
    const whole = /^```[a-z]*\s*([\s\S]*?)```$/i.exec(text);
    expect(wholeFenced(text)).toBe(whole ? (whole[1] ?? null) : null);
    const first = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
    // They differ, on purpose, only where a language tag other than "json" follows the fence: now any tag is dropped.
    const tagged = /^[a-z]/i.test(text.slice(text.indexOf('```') + 3));
    if (!tagged) expect(firstFenced(text)?.trim() ?? null).toBe(first ? (first[1] ?? '').trim() : null);
  });

  test.prop([hostileText], options)('run in linear time on anything', (text) => {
    const { ms } = timed(() => [trimEndOf(text, '/'), firstFenced(text), wholeFenced(text)]);
    expect(ms).toBeLessThan(PER_INPUT_MS);
  });
});
