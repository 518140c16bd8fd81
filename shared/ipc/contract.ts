import { recastPlanSchema, recastSuggestionsSchema, recastTargetSchema } from '../boards/recast-models';
import { z } from 'zod';
import { imageRoleSchema, modelCatalogSchema, paramsSchema } from '../catalog/video-model';
import { errorCodeSchema } from '../errors';
import { SPEECH_VOICES, voiceEstimateSchema } from '../audio/speech';
import {
  imageInspectionSchema,
  imageTargetSchema,
  preparedImageSchema,
  prepareOptionsSchema,
} from '../images/image-models';
import { imageTokenSchema } from '../images/image-token';
import {
  itemIdSchema,
  libraryComparisonSchema,
  libraryItemSchema,
  libraryPageSchema,
  libraryProblemSchema,
  libraryQuerySchema,
  libraryItemEventSchema,
  reconcileReportSchema,
  reuseSettingsSchema,
  userFieldsPatchSchema,
} from '../library/library-models';
import { jobRequestInputSchema, jobSchema, usageSchema } from '../jobs/job-models';
import { batchPlanSchema, batchSpecSchema } from '../drafts/batch-models';
import {
  draftPatchSchema,
  draftSchema,
  draftVersionSchema,
  generationSettingsSchema,
  presetSchema,
  promptDiffSchema,
} from '../drafts/draft-models';
import {
  boardPlanSchema,
  boardScopeSchema,
  characterPatchSchema,
  shotPatchSchema,
  musicPatchSchema,
  storyboardSchema,
  subtitleStyleSchema,
  dialogueCueSchema,
} from '../boards/board-models';
import { chatModelListSchema, MAX_SCRIPT_CHARS } from '../script/chat-models';
import {
  breakdownOutcomeSchema,
  breakdownProgressSchema,
  chatEstimateSchema,
  refineOutcomeSchema,
} from '../script/script-models';
import { appInfoSchema, viewSchema } from '../models/app-info';
import { menuEntrySchema } from '../models/context-menu';
import { balanceSchema, keyStatusSchema } from '../models/key-status';
import { settingsPatchSchema, settingsProblemSchema, settingsSchema } from '../models/settings';

/**
 * The one IPC contract. Every renderer→main call (`invoke`) and main→renderer event (`events`) is declared here,
 * named `domain.verb`. The main-side router, the preload bridge and the renderer's client are all derived from
 * this object; nothing lists channels by hand anywhere else.
 */
export const contract = {
  invoke: {
    'app.info': { request: z.undefined(), response: appInfoSchema },
    // A native context menu at the pointer; answers the id of the chosen entry, or null when dismissed.
    'app.contextMenu': {
      request: z.object({ items: z.array(menuEntrySchema).min(1).max(40) }),
      response: z.object({ chosen: z.string().nullable() }),
    },
    // There is deliberately no channel that returns the key itself.
    'key.status': { request: z.undefined(), response: keyStatusSchema },
    'key.set': { request: z.object({ value: z.string().max(10_000) }), response: keyStatusSchema },
    'key.clear': { request: z.undefined(), response: keyStatusSchema },
    'key.test': { request: z.undefined(), response: balanceSchema },
    'settings.get': { request: z.undefined(), response: settingsSchema },
    'settings.update': { request: settingsPatchSchema, response: settingsSchema },
    // What was wrong with settings.json when it was read (fields reset, the copy kept), to tell the user once.
    'settings.problems': { request: z.undefined(), response: z.array(settingsProblemSchema) },
    // Images are named by the tokens main gave out (its picker, a drop, a paste, an image slot), never by path.
    'images.inspect': {
      request: z.object({ image: imageTokenSchema, target: imageTargetSchema.optional() }),
      response: imageInspectionSchema,
    },
    'images.prepare': {
      request: prepareOptionsSchema.extend({ image: imageTokenSchema }),
      // Where main keeps the prepared file stays in main: the window gets its facts and a preview.
      response: preparedImageSchema.omit({ path: true }).extend({ preview: z.string() }),
    },
    'images.pick': { request: z.undefined(), response: z.object({ image: imageTokenSchema }).nullable() },
    'images.importData': {
      request: z.object({
        dataUrl: z
          .string()
          .max(56_000_000)
          .regex(/^data:image\/[\w.+-]+;base64,/),
      }),
      response: z.object({ image: imageTokenSchema }),
    },
    'library.list': { request: libraryQuerySchema, response: libraryPageSchema },
    'library.get': { request: z.object({ id: itemIdSchema }), response: libraryItemSchema },
    'library.update': {
      request: z.object({ id: itemIdSchema, patch: userFieldsPatchSchema }),
      response: libraryItemSchema,
    },
    'library.remove': {
      request: z.object({ ids: z.array(itemIdSchema).min(1).max(1000) }),
      response: z.object({ removed: z.number().int() }),
    },
    'library.undoRemove': {
      request: z.object({ ids: z.array(itemIdSchema).min(1).max(1000) }),
      response: z.object({ restored: z.number().int() }),
    },
    'library.reveal': { request: z.object({ id: itemIdSchema }), response: z.undefined() },
    // Starts an OS drag of the video file (to the desktop, a folder or an editor) from a pointer drag in the grid.
    'library.startDrag': { request: z.object({ id: itemIdSchema }), response: z.undefined() },
    'library.export': {
      request: z.object({ ids: z.array(itemIdSchema).min(1).max(1000) }),
      response: z.object({ exported: z.number().int(), destination: z.string().nullable() }),
    },
    'library.import': {
      request: z.undefined(),
      response: z
        .object({ imported: z.number().int(), skipped: z.array(z.object({ file: z.string(), reason: z.string() })) })
        .nullable(),
    },
    'library.reuse': { request: z.object({ id: itemIdSchema }), response: reuseSettingsSchema },
    'library.compare': {
      request: z.object({ ids: z.array(itemIdSchema).min(2).max(4) }),
      response: libraryComparisonSchema,
    },
    'library.rebuild': { request: z.undefined(), response: reconcileReportSchema },
    'library.problems': { request: z.undefined(), response: z.array(libraryProblemSchema) },
    'library.postersMissing': {
      request: z.object({ limit: z.number().int().min(1).max(100) }),
      response: z.array(z.object({ id: itemIdSchema, videoUrl: z.string() })),
    },
    'library.savePoster': {
      // A frame the window captured from the video, as a data: URL (the page cannot write files).
      request: z.object({
        id: itemIdSchema,
        image: z
          .string()
          .max(12_000_000)
          .regex(/^data:image\/(png|jpeg|webp);base64,/),
      }),
      response: z.undefined(),
    },
    'library.location': { request: z.undefined(), response: z.object({ path: z.string(), isDefault: z.boolean() }) },
    'library.move': { request: z.undefined(), response: reconcileReportSchema.nullable() },
    'jobs.list': { request: z.undefined(), response: z.array(jobSchema) },
    'jobs.enqueue': { request: jobRequestInputSchema, response: jobSchema },
    'jobs.cancel': { request: z.object({ id: z.string().uuid() }), response: jobSchema },
    'jobs.retry': { request: z.object({ id: z.string().uuid() }), response: jobSchema },
    'jobs.hide': { request: z.object({ id: z.string().uuid() }), response: z.undefined() },
    'jobs.usage': { request: z.undefined(), response: usageSchema },
    'jobs.nudge': { request: z.undefined(), response: z.undefined() },
    'models.catalog': { request: z.undefined(), response: modelCatalogSchema },
    'models.refresh': {
      request: z.object({ force: z.boolean().optional() }),
      response: z.object({ catalog: modelCatalogSchema, unreachable: errorCodeSchema.nullable() }),
    },
    'drafts.list': {
      request: z.object({ search: z.string().max(500).optional(), deleted: z.boolean().optional() }),
      response: z.array(draftSchema),
    },
    'drafts.create': {
      request: z.object({
        prompt: z.string().max(10_000).optional(),
        model: z.string().min(1).max(200).optional(),
        params: paramsSchema.optional(),
        title: z.string().max(500).optional(),
      }),
      response: draftSchema,
    },
    'drafts.get': { request: z.object({ id: z.string().uuid() }), response: draftSchema },
    'drafts.update': { request: z.object({ id: z.string().uuid(), patch: draftPatchSchema }), response: draftSchema },
    'drafts.setImage': {
      request: z.object({ id: z.string().uuid(), role: imageRoleSchema, image: imageTokenSchema.nullable() }),
      response: draftSchema,
    },
    'drafts.removeImage': {
      request: z.object({ id: z.string().uuid(), index: z.number().int().min(0).max(19) }),
      response: draftSchema,
    },
    'drafts.duplicate': { request: z.object({ id: z.string().uuid() }), response: draftSchema },
    'drafts.remove': { request: z.object({ id: z.string().uuid() }), response: draftSchema },
    'drafts.undoRemove': { request: z.object({ id: z.string().uuid() }), response: draftSchema },
    'drafts.saveVersion': { request: z.object({ id: z.string().uuid() }), response: draftVersionSchema },
    'drafts.versions': { request: z.object({ id: z.string().uuid() }), response: z.array(draftVersionSchema) },
    'drafts.diff': {
      request: z.object({ from: z.string().uuid(), to: z.union([z.string().uuid(), z.literal('current')]) }),
      response: promptDiffSchema,
    },
    'drafts.restoreVersion': { request: z.object({ versionId: z.string().uuid() }), response: draftSchema },
    'drafts.presets': { request: z.undefined(), response: z.array(presetSchema) },
    'drafts.savePreset': {
      request: z.object({
        id: z.string().max(100).optional(),
        name: z.string().max(200),
        ...generationSettingsSchema.shape,
        style: z.string().max(2_000),
      }),
      response: presetSchema,
    },
    'drafts.deletePreset': { request: z.object({ id: z.string().max(100) }), response: z.undefined() },
    'drafts.applyPreset': {
      request: z.object({ draftId: z.string().uuid(), presetId: z.string().max(100) }),
      response: draftSchema,
    },
    'drafts.generate': { request: z.object({ id: z.string().uuid() }), response: jobSchema },
    'drafts.planBatch': {
      request: z.object({ id: z.string().uuid(), spec: batchSpecSchema }),
      response: batchPlanSchema,
    },
    'drafts.runBatch': {
      request: z.object({ id: z.string().uuid(), spec: batchSpecSchema }),
      response: z.array(jobSchema),
    },
    'boards.list': {
      request: z.object({ deleted: z.boolean().optional() }),
      response: z.array(storyboardSchema),
    },
    'boards.get': { request: z.object({ id: z.string().uuid() }), response: storyboardSchema },
    'boards.create': {
      request: z.object({
        title: z.string().max(500).optional(),
        fromDraftIds: z.array(z.string().uuid()).max(200).optional(),
      }),
      response: storyboardSchema,
    },
    'boards.rename': {
      request: z.object({ id: z.string().uuid(), title: z.string().max(500) }),
      response: storyboardSchema,
    },
    'boards.remove': { request: z.object({ id: z.string().uuid() }), response: storyboardSchema },
    'boards.undoRemove': { request: z.object({ id: z.string().uuid() }), response: storyboardSchema },
    'boards.addShot': {
      request: z.object({
        id: z.string().uuid(),
        afterIndex: z.number().int().min(-1).max(200).optional(),
        fromDraftId: z.string().uuid().optional(),
      }),
      response: storyboardSchema,
    },
    'boards.updateShot': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid(), patch: shotPatchSchema }),
      response: storyboardSchema,
    },
    'boards.moveShot': {
      request: z.object({
        id: z.string().uuid(),
        shotId: z.string().uuid(),
        toIndex: z.number().int().min(0).max(200),
      }),
      response: storyboardSchema,
    },
    'boards.duplicateShot': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid() }),
      response: storyboardSchema,
    },
    'boards.removeShot': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid() }),
      response: storyboardSchema,
    },
    'boards.restoreShot': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid().optional() }),
      response: storyboardSchema,
    },
    'boards.setShotImage': {
      request: z.object({
        id: z.string().uuid(),
        shotId: z.string().uuid(),
        role: imageRoleSchema,
        image: imageTokenSchema.nullable(),
      }),
      response: storyboardSchema,
    },
    'boards.removeShotImage': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid(), index: z.number().int().min(0).max(19) }),
      response: storyboardSchema,
    },
    'boards.chooseTake': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid(), jobId: z.string().uuid().nullable() }),
      response: storyboardSchema,
    },
    'boards.extendTake': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid(), jobId: z.string().uuid() }),
      response: storyboardSchema,
    },
    'boards.plan': { request: z.object({ id: z.string().uuid(), scope: boardScopeSchema }), response: boardPlanSchema },
    'boards.generate': {
      request: z.object({ id: z.string().uuid(), scope: boardScopeSchema }),
      response: z.array(jobSchema),
    },
    // "Recast onto…": the side-by-side table (nothing changes), then the confirmed shots moved and queued (billed).
    'boards.recastPlan': {
      request: z.object({ id: z.string().uuid(), target: recastTargetSchema }),
      response: recastPlanSchema,
    },
    'boards.recastSuggestions': {
      request: z.object({ id: z.string().uuid(), budget: z.number().min(0).max(1_000_000).nullable() }),
      response: recastSuggestionsSchema,
    },
    'boards.recast': {
      request: z.object({
        id: z.string().uuid(),
        target: recastTargetSchema,
        shotIds: z.array(z.string().uuid()).min(1).max(200),
      }),
      response: z.object({ board: storyboardSchema, jobs: z.array(jobSchema) }),
    },
    // Joins the chosen takes into one MP4 in the library (packets copied as they are); progress as `boards.progress`.
    'boards.export': { request: z.object({ id: z.string().uuid() }), response: libraryItemSchema },
    'boards.cancelExport': { request: z.object({ id: z.string().uuid() }), response: z.undefined() },
    // What the window made for the film, sent here in pieces and then joined: takes encoded again (their codec
    // parameters differ, or shots are trimmed) and the film's mixed sound (takes, voice-over and music).
    'boards.beginEncoded': {
      request: z.object({
        id: z.string().uuid(),
        takes: z.boolean().default(true),
        soundtrack: z.boolean().default(false),
      }),
      response: z.object({ uploadId: z.string().uuid(), takes: z.number().int() }),
    },
    'boards.writeEncoded': {
      request: z.object({
        uploadId: z.string().uuid(),
        part: z.enum(['take', 'soundtrack']).default('take'),
        index: z.number().int().min(0).max(199),
        offset: z.number().int().min(0),
        data: z
          .string()
          .max(12_000_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      }),
      response: z.undefined(),
    },
    'boards.finishEncoded': {
      request: z.object({
        id: z.string().uuid(),
        uploadId: z.string().uuid(),
        /** How the sent soundtrack was made: its codec (as WebCodecs names it) and its measured loudness (LUFS). */
        sound: z
          .object({ codec: z.string().max(40), loudness: z.number().min(-100).max(10).nullable() })
          .nullable()
          .default(null),
      }),
      response: libraryItemSchema,
    },
    'boards.discardEncoded': { request: z.object({ uploadId: z.string().uuid() }), response: z.undefined() },
    // The character sheet: shots that name a character carry its images (or its description) into their requests.
    'boards.addCharacter': {
      request: z.object({
        id: z.string().uuid(),
        name: z.string().max(100),
        description: z.string().max(2_000).optional(),
        voice: z.enum(SPEECH_VOICES).nullable().optional(),
      }),
      response: storyboardSchema,
    },
    'boards.updateCharacter': {
      request: z.object({ id: z.string().uuid(), characterId: z.string().uuid(), patch: characterPatchSchema }),
      response: storyboardSchema,
    },
    'boards.removeCharacter': {
      request: z.object({ id: z.string().uuid(), characterId: z.string().uuid() }),
      response: storyboardSchema,
    },
    'boards.addCharacterImage': {
      request: z.object({ id: z.string().uuid(), characterId: z.string().uuid(), image: imageTokenSchema }),
      response: storyboardSchema,
    },
    'boards.removeCharacterImage': {
      request: z.object({
        id: z.string().uuid(),
        characterId: z.string().uuid(),
        index: z.number().int().min(0).max(6),
      }),
      response: storyboardSchema,
    },
    // Voice-over: lines spoken through APIMart's speech model (billed per line), kept in the board's folder.
    'boards.setNarratorVoice': {
      request: z.object({ id: z.string().uuid(), voice: z.enum(SPEECH_VOICES) }),
      response: storyboardSchema,
    },
    /** How the board's subtitles look when burned into the picture (kept with the board). */
    'boards.setSubtitleStyle': {
      request: z.object({ id: z.string().uuid(), style: subtitleStyleSchema }),
      response: storyboardSchema,
    },
    'boards.voiceEstimate': {
      request: z.object({ id: z.string().uuid(), shotIds: z.array(z.string().uuid()).max(200).optional() }),
      response: voiceEstimateSchema,
    },
    'boards.speakLine': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid() }),
      response: storyboardSchema,
    },
    /** Music under the film: a sound file the user picks in main's own dialog (null: cancelled), changed, removed. */
    'boards.addMusic': { request: z.object({ id: z.string().uuid() }), response: storyboardSchema.nullable() },
    'boards.updateMusic': {
      request: z.object({ id: z.string().uuid(), musicId: z.string().uuid(), patch: musicPatchSchema }),
      response: storyboardSchema,
    },
    'boards.removeMusic': {
      request: z.object({ id: z.string().uuid(), musicId: z.string().uuid() }),
      response: storyboardSchema,
    },
    /** The dialogue in the take a shot plays, heard by APIMart's transcription model (billed), kept as its subtitles. */
    'boards.transcribeTake': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid() }),
      response: storyboardSchema,
    },
    /** A spoken line's audio (WAV, base64), for the window to play. */
    /** The take's dialogue subtitles as the user corrected them (an emptied one is left out). */
    'boards.setDialogueCues': {
      request: z.object({
        id: z.string().uuid(),
        shotId: z.string().uuid(),
        cues: z.array(dialogueCueSchema).max(2_000),
      }),
      response: storyboardSchema,
    },
    'boards.lineAudio': {
      request: z.object({ id: z.string().uuid(), shotId: z.string().uuid() }),
      response: z.object({ wav: z.string() }).nullable(),
    },
    /** A music bed's file, for the window to decode into the film's mix (null when the file is gone). */
    'boards.musicAudio': {
      request: z.object({ id: z.string().uuid(), musicId: z.string().uuid() }),
      response: z.object({ data: z.string() }).nullable(),
    },
    /** Subtitles (from the spoken lines) or a timeline for an editor, written where the user chooses. */
    'boards.exportSubtitles': {
      request: z.object({ id: z.string().uuid(), format: z.enum(['srt', 'vtt']) }),
      response: z.object({ file: z.string(), cues: z.number().int() }).nullable(),
    },
    'boards.exportTimeline': {
      request: z.object({ id: z.string().uuid(), format: z.enum(['otio', 'mlt']) }),
      response: z.object({ file: z.string(), mediaDir: z.string() }).nullable(),
    },
    // Script → storyboard through a chat model on the same key: listed, estimated before anything is sent, streamed.
    'script.chatModels': { request: z.undefined(), response: chatModelListSchema },
    'script.estimate': {
      request: z.object({
        script: z.string().max(MAX_SCRIPT_CHARS),
        videoModel: z.string().min(1).max(200),
        chatModel: z.string().min(1).max(200),
      }),
      response: chatEstimateSchema,
    },
    'script.breakdown': {
      request: z.object({
        requestId: z.string().uuid(),
        script: z.string().max(MAX_SCRIPT_CHARS),
        videoModel: z.string().min(1).max(200),
        chatModel: z.string().min(1).max(200),
        title: z.string().max(500).optional(),
      }),
      response: breakdownOutcomeSchema,
    },
    'script.refine': {
      request: z.object({
        requestId: z.string().uuid(),
        boardId: z.string().uuid(),
        shotId: z.string().uuid(),
        chatModel: z.string().min(1).max(200),
      }),
      response: refineOutcomeSchema,
    },
    'script.cancel': { request: z.object({ requestId: z.string().uuid() }), response: z.undefined() },
    'drafts.export': { request: z.undefined(), response: z.object({ file: z.string().nullable() }) },
    'drafts.import': {
      request: z.undefined(),
      response: z
        .object({
          drafts: z.number().int(),
          presets: z.number().int(),
          storyboards: z.number().int(),
          skipped: z.array(z.object({ item: z.string(), reason: z.string() })),
        })
        .nullable(),
    },
  },
  events: {
    'app.navigate': { payload: z.object({ view: viewSchema }) },
    'models.changed': { payload: modelCatalogSchema },
    'library.changed': { payload: reconcileReportSchema },
    'library.item': { payload: libraryItemEventSchema },
    'jobs.changed': { payload: jobSchema },
    'boards.progress': { payload: z.object({ id: z.string().uuid(), fraction: z.number().min(0).max(1) }) },
    'script.progress': { payload: breakdownProgressSchema.extend({ requestId: z.string().uuid() }) },
  },
} as const;

/** The contract's type; the renderer imports this (type-only), never the schemas. */
export type Contract = typeof contract;
