import { z } from 'zod';

/** APIMart's speech model (OpenAI-compatible `POST /v1/audio/speech`). */
export const SPEECH_MODEL = 'gpt-4o-mini-tts';

/** The transcription model (OpenAI-compatible `POST /v1/audio/transcriptions`). */
export const TRANSCRIPTION_MODEL = 'whisper-1';

/** The voices the speech model documents. */
export const SPEECH_VOICES = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'] as const;

/** A speech voice. */
export type SpeechVoice = (typeof SPEECH_VOICES)[number];

/** The longest line one request may speak (characters). */
export const MAX_SPEECH_CHARS = 4_096;

/** The speed range the model documents (1 = normal). */
export const SPEECH_SPEED = { min: 0.25, max: 4 } as const;

/**
 * One line to speak. Always WAV: it is sent explicitly (the documented default differs between language versions of
 * APIMart's page), it needs no decoder to read its length or mix it, and mp3 is not offered for this model.
 */
export const speechRequestSchema = z.object({
  input: z.string().trim().min(1).max(MAX_SPEECH_CHARS),
  voice: z.enum(SPEECH_VOICES),
  speed: z.number().min(SPEECH_SPEED.min).max(SPEECH_SPEED.max).default(1),
});

/** A speech request. */
export type SpeechRequest = z.infer<typeof speechRequestSchema>;

/** About how fast a voice speaks at speed 1 (characters per second, spaces and punctuation included). */
const CHARS_PER_SECOND = 15;

/** How long a line will take to speak, before it is spoken: for "longer than its shot" warnings and estimates. */
export function estimatedSpeechSeconds(input: string, speed = 1): number {
  return Math.max(0.5, input.trim().length / (CHARS_PER_SECOND * speed));
}

/** One spoken line in the usage ledger: what it was, how long it came out, and its cost when the price was known. */
export const speechUsageEntrySchema = z.object({
  at: z.string(),
  model: z.string(),
  characters: z.number().int().min(0),
  seconds: z.number().min(0),
  /** What it cost at the price known when it was spoken; null when unknown. */
  cost: z.number().nullable(),
});

/** A speech usage entry. */
export type SpeechUsageEntry = z.infer<typeof speechUsageEntrySchema>;

/** What speaking a board's lines would send and cost, before anything is sent. */
export const voiceEstimateSchema = z.object({
  /** Lines that would be spoken (no audio on disk for their words, voice and speed), with their likely length. */
  lines: z.array(z.object({ shotId: z.string(), index: z.number().int(), seconds: z.number() })),
  characters: z.number().int(),
  /** Null when the price of a spoken line is not known. */
  cost: z.number().nullable(),
});

/** A voice estimate. */
export type VoiceEstimate = z.infer<typeof voiceEstimateSchema>;
