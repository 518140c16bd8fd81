import { z } from 'zod';
import {
  draftImageSchema,
  draftPatchSchema,
  generationSettingsSchema,
  intentFieldsSchema,
} from '../drafts/draft-models';
import { MAX_SPEECH_CHARS, SPEECH_SPEED, SPEECH_VOICES } from '../audio/speech';

/** A speech voice, as boards store it. */
const voiceSchema = z.enum(SPEECH_VOICES);

/** The audio a line was spoken as: its file in the board's voice folder, its length, and what it was spoken from. */
export const spokenLineSchema = z.object({
  file: z.string().regex(/^[0-9a-f]{64}\.wav$/),
  seconds: z.number().positive(),
  text: z.string().max(MAX_SPEECH_CHARS),
  voice: voiceSchema,
  speed: z.number(),
});

/** Spoken audio of a line. */
export type SpokenLine = z.infer<typeof spokenLineSchema>;

/**
 * A shot's line of voice-over or dialogue: who speaks it (a character of the board, in their voice, or the narrator),
 * an optional voice of its own, its speed, and the audio it was last spoken as (kept until the line, voice or speed
 * changes).
 */
export const voiceOverSchema = z.object({
  text: z.string().max(MAX_SPEECH_CHARS),
  /** A character's id, or null for the narrator. */
  speakerId: z.string().uuid().nullable().default(null),
  /** This line's own voice; null: the speaker's (a character's voice, else the board's narrator). */
  voice: voiceSchema.nullable().default(null),
  speed: z.number().min(SPEECH_SPEED.min).max(SPEECH_SPEED.max).default(1),
  audio: spokenLineSchema.nullable().default(null),
});

/** A voice-over line. */
export type VoiceOver = z.infer<typeof voiceOverSchema>;

/** A subtitle of a take's own dialogue, in the take's time (seconds from its start). */
export const dialogueCueSchema = z.object({
  start: z.number().min(0),
  end: z.number().min(0),
  text: z.string().min(1).max(2_000),
});

/** One subtitle of a take's dialogue. */
export type DialogueCue = z.infer<typeof dialogueCueSchema>;

/** What was heard in the take's own sound (its transcription): shown as subtitles where the shot plays. */
export const dialogueSchema = z.object({
  /** The take it was heard in. */
  jobId: z.string().uuid(),
  cues: z.array(dialogueCueSchema).max(2_000),
});

/** A transcription of a take. */
export type Dialogue = z.infer<typeof dialogueSchema>;

/** Which part of its take a shot plays (seconds into the take; `out` null: to its end). */
export const shotTrimSchema = z
  .object({ in: z.number().min(0).default(0), out: z.number().positive().nullable().default(null) })
  .refine((trim) => trim.out === null || trim.out > trim.in, { message: 'A trim must end after it starts.' });

/** A shot's trim. */
export type ShotTrim = z.infer<typeof shotTrimSchema>;

/** How loud a shot's take plays its own sound in the film (1 = as generated). */
export const shotSoundSchema = z.object({
  volume: z.number().min(0).max(2).default(1),
  muted: z.boolean().default(false),
});

/** One generation of a shot: the job that makes it and, once filed, its library item. */
export const takeSchema = z.object({
  jobId: z.string().uuid(),
  /** The library item the job filed; null while it runs (or when it failed). */
  itemId: z.string().uuid().nullable(),
  createdAt: z.string(),
});

/** A take of a shot. */
export type Take = z.infer<typeof takeSchema>;

/**
 * A character of a storyboard: who they are (the description goes into the prompts of models that take no
 * reference images) and how they look (reference images, sent in the reference slots of models that take them).
 */
export const characterSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(100),
  description: z.string().max(2_000),
  images: z.array(draftImageSchema).max(7),
  /** The voice their lines are spoken in; null: the board's narrator voice. */
  voice: voiceSchema.nullable().default(null),
});

/** A character. */
export type Character = z.infer<typeof characterSchema>;

/** A shot: a prompt with its model, params and images, like a draft, and the takes generated from it. */
export const shotSchema = z.object({
  id: z.string().uuid(),
  prompt: z.string().max(10_000),
  ...generationSettingsSchema.shape,
  ...intentFieldsSchema.shape,
  images: z.array(draftImageSchema).max(20),
  notes: z.string().max(100_000).default(''),
  /** The user asked for this shot to start where the previous shot's chosen take ends (its last frame). */
  continueFromPrevious: z.boolean().default(false),
  /**
   * This shot extends a take ("extend this take"): its jobs continue that take's task with the model's remix, taking
   * no images. Null for a shot generated from nothing.
   */
  extendsTake: z
    .object({ jobId: z.string().uuid(), taskId: z.string().min(1).max(200) })
    .nullable()
    .default(null),
  /** The characters in this shot (ids of the storyboard's characters). */
  characterIds: z.array(z.string().uuid()).max(20).default([]),
  takes: z.array(takeSchema).max(200),
  /** The job id of the take the sequence uses; null until one is chosen (the newest filed take plays meanwhile). */
  chosenJobId: z.string().uuid().nullable(),
  trim: shotTrimSchema.default({ in: 0, out: null }),
  sound: shotSoundSchema.default({ volume: 1, muted: false }),
  voiceOver: voiceOverSchema.nullable().default(null),
  dialogue: dialogueSchema.nullable().default(null),
});

/** A shot. */
export type Shot = z.infer<typeof shotSchema>;

/**
 * A music or sound file under the film (the user's own, copied into the board's folder): over the whole film or
 * from one shot to another, at a level, faded in and out, lowered under voice-over when `duck` is on.
 */
export const musicBedSchema = z.object({
  id: z.string().uuid(),
  /** Its file in the board's music folder. */
  file: z.string().regex(/^[0-9a-f]{64}\.(?:wav|mp3|m4a|aac|flac|ogg|oga|opus)$/),
  /** The name it had where the user picked it. */
  name: z.string().max(300),
  seconds: z.number().positive(),
  /** The first and last shot it plays under (ids); null: the whole film. */
  fromShotId: z.string().uuid().nullable().default(null),
  toShotId: z.string().uuid().nullable().default(null),
  volume: z.number().min(0).max(2).default(0.6),
  fadeIn: z.number().min(0).max(30).default(1),
  fadeOut: z.number().min(0).max(30).default(2),
  duck: z.boolean().default(true),
});

/** A music bed. */
export type MusicBed = z.infer<typeof musicBedSchema>;

/** A change to a music bed: where it plays and how (its file is not changed). */
export const musicPatchSchema = musicBedSchema
  .pick({ fromShotId: true, toShotId: true, volume: true, fadeIn: true, fadeOut: true, duck: true })
  .partial();

/** How burned-in subtitles look: where they sit, how large, and whether a dark box is behind them. */
export const subtitleStyleSchema = z.object({
  position: z.enum(['bottom', 'top']).default('bottom'),
  size: z.enum(['small', 'medium', 'large']).default('medium'),
  box: z.boolean().default(true),
});

/** A subtitle style. */
export type SubtitleStyle = z.infer<typeof subtitleStyleSchema>;

/** Shots in order: what is planned, generated, played and exported as one film. */
export const storyboardSchema = z.object({
  id: z.string().uuid(),
  title: z.string().max(500),
  shots: z.array(shotSchema).max(200),
  /** The character sheet: the same faces and costumes from shot to shot. */
  characters: z.array(characterSchema).max(50).default([]),
  /** The voice of lines no character speaks. */
  narratorVoice: voiceSchema.default('alloy'),
  /** How its subtitles look when burned into the picture. */
  subtitleStyle: subtitleStyleSchema.default({ position: 'bottom', size: 'medium', box: true }),
  /** Music and sound files under the film. */
  music: z.array(musicBedSchema).max(20).default([]),
  /** Shots deleted lately, with where they stood: "undo" puts one back. */
  removed: z
    .array(z.object({ shot: shotSchema, index: z.number().int().min(0), at: z.string() }))
    .max(20)
    .default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when deleted (undoable until purged). */
  deletedAt: z.string().nullable(),
});

/** A storyboard. */
export type Storyboard = z.infer<typeof storyboardSchema>;

/** A change to a shot, as the window's autosave sends it; `params` replaces the shot's params whole. */
export const shotPatchSchema = draftPatchSchema
  .pick({ prompt: true, model: true, params: true, camera: true, modelExtras: true, notes: true, crop: true })
  .extend({
    continueFromPrevious: z.boolean().optional(),
    characterIds: z.array(z.string().uuid()).max(20).optional(),
    trim: shotTrimSchema.optional(),
    sound: shotSoundSchema.optional(),
    /** The line (its spoken audio is the service's to set); null removes it. */
    voiceOver: voiceOverSchema.omit({ audio: true }).nullable().optional(),
  });

/** A change to a character; `name` and `description` only (images have calls of their own). */
export const characterPatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2_000).optional(),
  voice: voiceSchema.nullable().optional(),
});

/** A shot patch. */
export type ShotPatch = z.infer<typeof shotPatchSchema>;

/** Which shots a generation covers. */
export const boardScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shot'), shotId: z.string().uuid() }),
  /** Shots without a filed take and without one under way. */
  z.object({ kind: z.literal('missing') }),
  z.object({ kind: z.literal('all') }),
]);

/** A generation scope. */
export type BoardScope = z.infer<typeof boardScopeSchema>;

/** What generating a scope would send and cost, shown before anything is queued. */
export const boardPlanSchema = z.object({
  shots: z.array(
    z.object({
      shotId: z.string().uuid(),
      index: z.number().int(),
      model: z.string(),
      seconds: z.number(),
      cost: z.number().nullable(),
      /** How the shot's characters travel: names whose images go as references, names described in the prompt. */
      characters: z
        .object({ byImage: z.array(z.string()), byDescription: z.array(z.string()) })
        .default({ byImage: [], byDescription: [] }),
    }),
  ),
  totalSeconds: z.number(),
  /** Null when a shot's model has no price. */
  estimatedCost: z.number().nullable(),
  /** Shots that cannot be sent as they are, with why (no prompt, params the model refuses). */
  blocked: z.array(z.object({ shotId: z.string().uuid(), index: z.number().int(), reason: z.string() })),
});

/** A generation plan. */
export type BoardPlan = z.infer<typeof boardPlanSchema>;

/** One shot of an exported sequence, as its sidecar lists it. */
const sequenceShotSchema = z.object({
  shotId: z.string(),
  jobId: z.string().nullable(),
  itemId: z.string(),
  title: z.string(),
  /** Where the shot starts in the sequence, in seconds, and how long it lasts. */
  start: z.number(),
  duration: z.number(),
  /** The part of its take it plays (seconds into the take); absent in films made before trims. */
  trim: z.object({ in: z.number(), out: z.number() }).optional(),
  /** Its spoken line as mixed into the film, with who speaks it and in which voice. */
  line: z.object({ text: z.string(), speaker: z.string(), voice: z.string(), speed: z.number() }).nullable().optional(),
});

/** What an exported sequence is made of: written into its sidecar as `sequence`. */
export const sequenceRecordSchema = z.object({
  boardId: z.string(),
  boardTitle: z.string(),
  /** Whether the takes' packets were copied as they are (true) or decoded and encoded again. */
  lossless: z.boolean(),
  shots: z.array(sequenceShotSchema),
  /**
   * The film's sound: the takes' own (copied as they are) or a mix of takes, voice-over and music levelled to a
   * loudness, with its codec and the music beds in it. Absent in films made before sound was mixed.
   */
  sound: z
    .object({
      source: z.enum(['takes', 'mix']),
      codec: z.string().nullable(),
      loudness: z.number().nullable(),
      music: z.array(z.object({ name: z.string(), start: z.number(), end: z.number(), volume: z.number() })),
    })
    .optional(),
  /** How many subtitles its subtitle track carries (0: none). */
  subtitles: z.number().int().min(0).optional(),
});

/** A sequence record. */
export type SequenceRecord = z.infer<typeof sequenceRecordSchema>;
