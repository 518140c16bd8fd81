import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readBody, readForm, sendJson } from './http-helpers.ts';

/** What the fake's speech endpoint charges per request (USD). */
export const FAKE_SPEECH_PRICE = 0.015;
/** How fast the fake voice speaks at speed 1 (characters per second), and its sample rate. */
export const FAKE_SPEECH_CHARS_PER_SECOND = 15;
const SAMPLE_RATE = 24_000;
const VOICES = new Set(['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer']);
const FORMATS = new Set(['wav', 'opus', 'aac', 'flac', 'pcm']);

const openAiError = (message: string, type = 'invalid_request_error', code: string | null = null) => ({
  error: { message, type, code },
});

/**
 * A voice as the fake speaks it: a 180 Hz tone shaped into syllables (four a second) at about −18 dBFS, as long as
 * the text takes to say at the speed asked. Real audio, so its length, level and mix can be measured.
 */
export function fakeSpeechPcm(input: string, speed: number): Int16Array {
  const seconds = Math.max(0.5, input.trim().length / (FAKE_SPEECH_CHARS_PER_SECOND * speed));
  const samples = new Int16Array(Math.round(seconds * SAMPLE_RATE));
  for (let index = 0; index < samples.length; index += 1) {
    const time = index / SAMPLE_RATE;
    const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * time);
    samples[index] = Math.round(0.18 * 32767 * syllable * Math.sin(2 * Math.PI * 180 * time));
  }
  return samples;
}

/** A mono 16-bit PCM WAV file. */
export function wavFile(samples: Int16Array, sampleRate = SAMPLE_RATE): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A spoken line the fake answered: what was asked. */
export interface FakeSpeechLine {
  readonly input: string;
  readonly voice: string;
  readonly speed: number;
  readonly format: string;
}

/**
 * `POST /v1/audio/speech` as APIMart documents it: JSON in, the audio's bytes out (errors in the usual JSON shape),
 * billed per request. The fake speaks WAV and raw PCM; for the compressed formats it says it cannot (Reelbench asks
 * for WAV).
 */
export async function handleSpeech(
  request: IncomingMessage,
  response: ServerResponse,
  charge: (amount: number) => boolean,
  spoken: FakeSpeechLine[],
  spokenAudio?: Map<string, string>,
): Promise<void> {
  const raw = await readBody(request, 1024 * 1024);
  if (raw === 'tooLarge') return sendJson(response, 413, openAiError('Request too large'));
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    return sendJson(response, 400, openAiError('Invalid JSON body'));
  }
  const { model, input, voice } = body;
  const format = body['response_format'] ?? 'mp3';
  const speed = body['speed'] ?? 1;
  if (model !== 'gpt-4o-mini-tts')
    return sendJson(
      response,
      404,
      openAiError(`The model ${String(model)} does not exist`, 'invalid_request_error', 'model_not_found'),
    );
  if (typeof input !== 'string' || input.length === 0 || input.length > 4096)
    return sendJson(response, 400, openAiError('input must be 1 to 4096 characters'));
  if (typeof voice !== 'string' || !VOICES.has(voice))
    return sendJson(response, 400, openAiError(`Invalid voice ${String(voice)}`));
  if (typeof format !== 'string' || !FORMATS.has(format))
    return sendJson(response, 400, openAiError(`response_format ${String(format)} is not supported for this model`));
  if (typeof speed !== 'number' || speed < 0.25 || speed > 4)
    return sendJson(response, 400, openAiError('speed must be between 0.25 and 4'));
  if (format !== 'wav' && format !== 'pcm')
    return sendJson(response, 501, openAiError(`the fake speaks wav and pcm only, not ${format}`));
  if (!charge(FAKE_SPEECH_PRICE))
    return sendJson(response, 402, openAiError('Insufficient balance', 'insufficient_quota', 'insufficient_quota'));
  spoken.push({ input, voice, speed, format });
  const pcm = fakeSpeechPcm(input, speed);
  const audio = format === 'wav' ? wavFile(pcm) : Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  spokenAudio?.set(createHash('sha256').update(audio).digest('hex'), input);
  response.writeHead(200, {
    'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm',
    'content-length': audio.length,
  });
  response.end(audio);
}

/** Seconds as SRT (`,`) or WebVTT (`.`) write them. */
function stamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}${separator}${String(ms % 1000).padStart(3, '0')}`;
}

/** How long a 24 kHz mono 16-bit WAV the fake spoke plays; null for anything else. */
function fakeWavSeconds(bytes: Buffer): number | null {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF') return null;
  return bytes.readUInt32LE(40) / (SAMPLE_RATE * 2);
}

/**
 * `POST /v1/audio/transcriptions` (OpenAI-compatible multipart: `file`, `model: whisper-1`, `response_format`
 * json | text | srt | vtt). The fake hears only its own voice: audio it spoke is transcribed to the words it was given,
 * over its whole length; any other file (a take, say) to the words it was told to hear (`heard`), over one second.
 */
export async function handleTranscription(
  request: IncomingMessage,
  response: ServerResponse,
  spokenAudio: ReadonlyMap<string, string>,
  heard: () => string,
): Promise<void> {
  const body = await readBody(request, 26 * 1024 * 1024);
  if (body === 'tooLarge')
    return sendJson(response, 413, openAiError('Maximum content size limit (26214400) exceeded'));
  const form = await readForm(request, body);
  const file = form?.get('file');
  if (!form || !(file instanceof File)) return sendJson(response, 400, openAiError("'file' is a required property"));
  if (form.get('model') !== 'whisper-1')
    return sendJson(
      response,
      404,
      openAiError(`The model ${String(form.get('model'))} does not exist`, 'invalid_request_error', 'model_not_found'),
    );
  const format = String(form.get('response_format') ?? 'json');
  if (!['json', 'text', 'srt', 'vtt'].includes(format))
    return sendJson(response, 400, openAiError(`response_format ${format} is not supported`));
  const bytes = Buffer.from(await file.arrayBuffer());
  const key = createHash('sha256').update(bytes).digest('hex');
  const text = spokenAudio.get(key) ?? heard();
  const seconds = (spokenAudio.has(key) ? fakeWavSeconds(bytes) : null) ?? 1;
  const answer =
    format === 'json'
      ? JSON.stringify({ text })
      : format === 'text'
        ? `${text}\n`
        : format === 'srt'
          ? text === ''
            ? ''
            : `1\n${stamp(0, ',')} --> ${stamp(seconds, ',')}\n${text}\n\n`
          : `WEBVTT\n\n${text === '' ? '' : `${stamp(0, '.')} --> ${stamp(seconds, '.')}\n${text}\n\n`}`;
  response.writeHead(200, {
    'content-type': format === 'json' ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(answer),
  });
  response.end(answer);
}
