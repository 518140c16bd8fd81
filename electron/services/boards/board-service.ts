import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { defaultModelId } from '../../../shared/catalog/model-catalog';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ImageRole, ModelCatalog } from '../../../shared/catalog/video-model';
import {
  musicPatchSchema,
  shotPatchSchema,
  type BoardPlan,
  type Dialogue,
  type MusicBed,
  type BoardScope,
  type Character,
  type Shot,
  type SpokenLine,
  type Storyboard,
  type SubtitleStyle,
} from '../../../shared/boards/board-models';
import type { SpeechVoice } from '../../../shared/audio/speech';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { Job, JobPhase } from '../../../shared/jobs/job-models';
import { appError } from '../../../shared/i18n/error-text';
import type { JobRunner } from '../jobs/job-runner';
import type { BoardStore } from '../storage/board-store';
import { ownImageCopy } from '../drafts/own-image-copy';
import { planBoard, sentShot } from './board-plan';
import { createBoardRecast, type BoardRecast } from './board-recast';
import { withLine } from '../../../shared/boards/voice-over';
import { paramsFromAnswer, type ShotAnswer } from '../../../shared/script/shot-answer';
import { cameraFromWords } from '../../../shared/intent/camera-words';
import { createBoardCharacters, type BoardCharacters } from './board-characters';

/** Storyboards: shots in order, generated through the queue, with their takes. Works offline except `generate`. */
export interface BoardService extends BoardCharacters, BoardRecast {
  create(input?: { title?: string; fromDraftIds?: readonly string[] }): Storyboard;
  list(options?: { deleted?: boolean }): Storyboard[];
  get(id: string): Storyboard;
  rename(id: string, title: string): Storyboard;
  remove(id: string): Storyboard;
  undoRemove(id: string): Storyboard;
  /** A new shot after `afterIndex` (at the end by default): blank with the previous shot's model, or a draft's copy. */
  addShot(id: string, input?: { afterIndex?: number; fromDraftId?: string }): Storyboard;
  updateShot(id: string, shotId: string, patch: unknown): Storyboard;
  moveShot(id: string, shotId: string, toIndex: number): Storyboard;
  duplicateShot(id: string, shotId: string): Storyboard;
  removeShot(id: string, shotId: string): Storyboard;
  /** Puts the most recently removed shot (or the one named) back where it stood. */
  restoreShot(id: string, shotId?: string): Storyboard;
  setShotImage(id: string, shotId: string, role: ImageRole, source: string | null): Promise<Storyboard>;
  removeShotImage(id: string, shotId: string, index: number): Storyboard;
  chooseTake(id: string, shotId: string, jobId: string | null): Storyboard;
  /** Records the audio a shot's line was spoken as (the voice-over service's, once the audio is on disk). */
  setSpokenLine(id: string, shotId: string, audio: SpokenLine): Storyboard;
  /** The voice of lines no character speaks. */
  setNarratorVoice(id: string, voice: SpeechVoice): Storyboard;
  setSubtitleStyle(id: string, style: SubtitleStyle): Storyboard;
  /** Records what was heard in a shot's take (its subtitles), or clears it. */
  setDialogue(id: string, shotId: string, dialogue: Dialogue | null): Storyboard;
  /** Music under the film: added (its file already in the board's folder), changed, removed. */
  addMusic(id: string, bed: MusicBed): Storyboard;
  updateMusic(id: string, bedId: string, patch: unknown): Storyboard;
  removeMusic(id: string, bedId: string): Storyboard;
  /**
   * A new shot after this one that continues one of its takes (the model's remix): the same model and settings, its
   * own prompt for what happens next. Refused when the model cannot extend or the take has no task.
   */
  extendTake(id: string, shotId: string, jobId: string): Storyboard;
  /** What `generate` would send: seconds and cost, and what cannot be sent. Nothing is queued. */
  plan(id: string, scope: BoardScope): BoardPlan;
  /** Queues one job per shot of the scope; each becomes a take of its shot. Refused whole if a shot cannot be sent. */
  generate(id: string, scope: BoardScope): Job[];
  /**
   * A new storyboard from a chat model's checked breakdown of a script: its characters on the sheet, one shot per
   * answered shot for `model` (camera and continuity notes kept in the shot's notes). Nothing is queued.
   */
  createFromAnswer(input: { title: string; model: string; answer: ShotAnswer }): Storyboard;
}

/** What the service works with. */
export interface BoardServiceDeps {
  readonly store: BoardStore;
  readonly imagesDir: string;
  readonly jobs: () => JobRunner;
  /** The phase of a job, or null when it is no longer known (hidden, purged). */
  readonly jobPhase: (jobId: string) => JobPhase | null;
  /** The library item a job filed, or null (not yet, or the library is not open). */
  readonly itemForJob: (jobId: string) => string | null;
  /** The APIMart task a job made, or null (never sent, or no longer known). */
  readonly taskForJob: (jobId: string) => string | null;
  readonly draft: (id: string) => Draft;
  readonly catalog: () => ModelCatalog;
  readonly pricePerSecond: (model: string) => number | null;
  /** Throws a clear error when a file is not an image sharp can read (a character's reference, say). */
  readonly checkImage: (file: string) => Promise<void>;
  readonly now?: () => Date;
}

const MAX_SHOTS = 200;
const MAX_MUSIC = 20;
/** A new shot plays its whole take at its own level, with no line. */
const SHOT_SOUND_DEFAULTS = {
  trim: { in: 0, out: null },
  sound: { volume: 1, muted: false },
  voiceOver: null,
  dialogue: null,
} as const;
const notFound = () => appError('notFound', 'error.board.notFound');
const shotMissing = () => appError('notFound', 'error.board.shotNotFound');

const emptyBoard = (at: string): Storyboard => ({
  id: randomUUID(),
  title: '',
  shots: [],
  characters: [],
  narratorVoice: 'alloy',
  subtitleStyle: { position: 'bottom', size: 'medium', box: true },
  music: [],
  removed: [],
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});

/** Creates the service. */
export function createBoardService(deps: BoardServiceDeps): BoardService {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();

  /** Fills in the library items of takes whose jobs have filed their videos since the board was saved. */
  const withTakesResolved = (board: Storyboard): Storyboard => {
    let changed = false;
    const shots = board.shots.map((shot) => {
      const takes = shot.takes.map((take) => {
        if (take.itemId !== null) return take;
        const itemId = deps.itemForJob(take.jobId);
        if (itemId === null) return take;
        changed = true;
        return { ...take, itemId };
      });
      return { ...shot, takes };
    });
    if (!changed) return board;
    const resolved = { ...board, shots };
    deps.store.save(resolved);
    return resolved;
  };
  const get = (id: string): Storyboard => {
    const board = deps.store.get(id);
    if (!board) throw notFound();
    return withTakesResolved(board);
  };
  const save = (board: Storyboard): Storyboard => {
    const saved = { ...board, updatedAt: now() };
    deps.store.save(saved);
    return saved;
  };
  const indexOfShot = (board: Storyboard, shotId: string): number => {
    const index = board.shots.findIndex((shot) => shot.id === shotId);
    if (index < 0) throw shotMissing();
    return index;
  };
  const withShot = (board: Storyboard, shotId: string, change: (shot: Shot) => Shot): Storyboard => {
    const index = indexOfShot(board, shotId);
    return { ...board, shots: board.shots.map((shot, at) => (at === index ? change(shot) : shot)) };
  };
  const insertShot = (board: Storyboard, shot: Shot, index: number): Storyboard => {
    if (board.shots.length >= MAX_SHOTS) throw appError('invalidInput', 'error.board.tooManyShots', { max: MAX_SHOTS });
    const shots = [...board.shots];
    shots.splice(Math.max(0, Math.min(index, shots.length)), 0, shot);
    return { ...board, shots };
  };
  const blankShot = (board: Storyboard, afterIndex: number): Shot => {
    const previous = board.shots[afterIndex] ?? board.shots.at(-1);
    const model = previous?.model ?? defaultModelId(deps.catalog(), null);
    return {
      id: randomUUID(),
      prompt: '',
      model,
      params: previous?.model === model ? previous.params : {},
      camera: null,
      modelExtras: {},
      images: [],
      notes: '',
      continueFromPrevious: false,
      extendsTake: null,
      characterIds: [],
      takes: [],
      chosenJobId: null,
      ...SHOT_SOUND_DEFAULTS,
    };
  };
  const shotFromDraft = (draft: Draft): Shot => ({
    id: randomUUID(),
    prompt: draft.prompt,
    model: draft.model,
    params: draft.params,
    camera: draft.camera,
    modelExtras: draft.modelExtras,
    images: draft.images,
    notes: draft.notes,
    continueFromPrevious: false,
    extendsTake: null,
    characterIds: [],
    takes: [],
    chosenJobId: null,
    ...SHOT_SOUND_DEFAULTS,
  });
  const characterIdsOf = (id: string) => new Set(get(id).characters.map((character) => character.id));
  const characters = createBoardCharacters({ get, save, imagesDir: deps.imagesDir, checkImage: deps.checkImage });
  const plan = (board: Storyboard, scope: BoardScope) =>
    planBoard(board, scope, deps.catalog(), deps.pricePerSecond, deps.jobPhase);
  function generate(id: string, scope: BoardScope): Job[] {
    const board = get(id);
    const planned = plan(board, scope);
    const firstBlocked = planned.blocked[0];
    if (firstBlocked)
      throw appError('invalidInput', 'error.board.shotBlocked', {
        shot: firstBlocked.index + 1,
        reason: firstBlocked.reason,
      });
    if (planned.shots.length === 0) throw appError('invalidInput', 'error.board.nothingToGenerate');
    const jobs: Job[] = [];
    let current = board;
    for (const entry of planned.shots) {
      const shot = current.shots[entry.index];
      if (!shot) continue;
      const cast = sentShot(current, shot, deps.catalog());
      const job = deps.jobs().enqueue({
        prompt: cast.prompt,
        model: shot.model,
        params: cast.params,
        // An extension continues its take's video: it sends no images of its own.
        images: shot.extendsTake
          ? []
          : cast.images.map((image) => ({ role: image.role, path: image.path, crop: image.crop })),
        title: `${board.title.trim() || 'Storyboard'} · ${entry.index + 1}`,
        extendsTaskId: shot.extendsTake?.taskId ?? null,
      });
      jobs.push(job);
      // Each take is recorded as soon as its job exists: a crash after it leaves no job without its shot.
      current = save(
        withShot(current, shot.id, (held) => ({
          ...held,
          takes: [...held.takes, { jobId: job.id, itemId: null, createdAt: job.createdAt }],
        })),
      );
    }
    return jobs;
  }
  const recasting = createBoardRecast({
    get,
    save,
    generateShot: (id, shotId) => generate(id, { kind: 'shot', shotId }),
    catalog: deps.catalog,
    pricePerSecond: deps.pricePerSecond,
  });

  return {
    ...characters,
    ...recasting,
    createFromAnswer({ title, model, answer }) {
      const at = now();
      const cast: Character[] = answer.characters.map((character) => ({
        id: randomUUID(),
        name: character.name,
        description: character.description,
        images: [],
        voice: null,
      }));
      const found = findModel(deps.catalog(), model);
      const idOf = (name: string) => cast.find((character) => character.name.toLowerCase() === name.toLowerCase())?.id;
      const shots: Shot[] = answer.shots.map((entry) => ({
        ...blankShot(emptyBoard(at), -1),
        prompt: entry.prompt,
        model,
        params: found ? paramsFromAnswer(found, entry) : {},
        camera: cameraFromWords(entry.camera),
        notes: [
          entry.camera ? `Camera: ${entry.camera}` : '',
          entry.continuity ? `Continuity: ${entry.continuity}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        characterIds: [...new Set(entry.characters.map(idOf).filter((held): held is string => held !== undefined))],
      }));
      const board: Storyboard = { ...emptyBoard(at), title: title.trim().slice(0, 500), shots, characters: cast };
      deps.store.save(board);
      return board;
    },
    create(input = {}) {
      const at = now();
      const shots = (input.fromDraftIds ?? []).map((draftId) => shotFromDraft(deps.draft(draftId)));
      const board: Storyboard = { ...emptyBoard(at), title: input.title?.trim() ?? '', shots };
      deps.store.save(board);
      return board;
    },
    list: (options = {}) => deps.store.list({ deleted: options.deleted ?? false }).map(withTakesResolved),
    get,
    rename: (id, title) => save({ ...get(id), title: title.trim().slice(0, 500) }),
    remove: (id) => save({ ...get(id), deletedAt: now() }),
    undoRemove: (id) => save({ ...get(id), deletedAt: null }),
    addShot(id, input = {}) {
      const board = get(id);
      const afterIndex = input.afterIndex ?? board.shots.length - 1;
      const shot =
        input.fromDraftId !== undefined ? shotFromDraft(deps.draft(input.fromDraftId)) : blankShot(board, afterIndex);
      return save(insertShot(board, shot, afterIndex + 1));
    },
    updateShot(id, shotId, rawPatch) {
      const patch = shotPatchSchema.parse(rawPatch);
      return save(
        withShot(get(id), shotId, (shot) => ({
          ...shot,
          prompt: patch.prompt ?? shot.prompt,
          model: patch.model ?? shot.model,
          params: patch.params ?? shot.params,
          camera: patch.camera === undefined ? shot.camera : patch.camera,
          modelExtras: patch.modelExtras ?? shot.modelExtras,
          notes: patch.notes ?? shot.notes,
          continueFromPrevious: patch.continueFromPrevious ?? shot.continueFromPrevious,
          trim: patch.trim ?? shot.trim,
          sound: patch.sound ?? shot.sound,
          voiceOver: patch.voiceOver === undefined ? shot.voiceOver : withLine(shot, patch.voiceOver),
          characterIds:
            patch.characterIds === undefined
              ? shot.characterIds
              : patch.characterIds.filter((held) => characterIdsOf(id).has(held)),
          images:
            patch.crop === undefined
              ? shot.images
              : shot.images.map((image, index) =>
                  index === patch.crop?.index ? { ...image, crop: patch.crop.rect } : image,
                ),
        })),
      );
    },
    moveShot(id, shotId, toIndex) {
      const board = get(id);
      const from = indexOfShot(board, shotId);
      const shots = [...board.shots];
      const [moved] = shots.splice(from, 1);
      if (!moved) throw shotMissing();
      shots.splice(Math.max(0, Math.min(toIndex, shots.length)), 0, moved);
      return save({ ...board, shots });
    },
    duplicateShot(id, shotId) {
      const board = get(id);
      const index = indexOfShot(board, shotId);
      const original = board.shots[index];
      if (!original) throw shotMissing();
      // The copy is a new shot to generate: its prompt and settings, none of the original's takes.
      return save(insertShot(board, { ...original, id: randomUUID(), takes: [], chosenJobId: null }, index + 1));
    },
    removeShot(id, shotId) {
      const board = get(id);
      const index = indexOfShot(board, shotId);
      const shot = board.shots[index];
      if (!shot) throw shotMissing();
      return save({
        ...board,
        shots: board.shots.filter((_, at) => at !== index),
        removed: [{ shot, index, at: now() }, ...board.removed].slice(0, 20),
      });
    },
    restoreShot(id, shotId) {
      const board = get(id);
      const entry = shotId === undefined ? board.removed[0] : board.removed.find((held) => held.shot.id === shotId);
      if (!entry) throw shotMissing();
      const restored = insertShot(board, entry.shot, entry.index);
      return save({ ...restored, removed: board.removed.filter((held) => held !== entry) });
    },
    async setShotImage(id, shotId, role, source) {
      const board = get(id);
      const shot = board.shots[indexOfShot(board, shotId)];
      if (!shot) throw shotMissing();
      const others =
        role === 'reference' && source !== null ? shot.images : shot.images.filter((image) => image.role !== role);
      const images =
        source === null
          ? others
          : [...others, { role, path: await ownImageCopy(path.join(deps.imagesDir, shotId), source), crop: null }];
      // Read again: the board may have been saved while the image was being copied.
      return save(withShot(get(id), shotId, (current) => ({ ...current, images })));
    },
    removeShotImage: (id, shotId, index) =>
      save(withShot(get(id), shotId, (shot) => ({ ...shot, images: shot.images.filter((_, at) => at !== index) }))),
    setSpokenLine(id, shotId, audio) {
      return save(
        withShot(get(id), shotId, (shot) => {
          if (!shot.voiceOver) throw appError('invalidInput', 'error.board.noLine');
          return { ...shot, voiceOver: { ...shot.voiceOver, audio } };
        }),
      );
    },
    setDialogue(id, shotId, dialogue) {
      return save(withShot(get(id), shotId, (shot) => ({ ...shot, dialogue })));
    },
    setNarratorVoice(id, voice) {
      return save({ ...get(id), narratorVoice: voice });
    },
    setSubtitleStyle(id, style) {
      return save({ ...get(id), subtitleStyle: style });
    },
    addMusic(id, bed) {
      const board = get(id);
      if (board.music.length >= MAX_MUSIC)
        throw appError('invalidInput', 'error.board.tooMuchMusic', { max: MAX_MUSIC });
      return save({ ...board, music: [...board.music, bed] });
    },
    updateMusic(id, bedId, rawPatch) {
      const patch = musicPatchSchema.parse(rawPatch);
      const board = get(id);
      if (!board.music.some((bed) => bed.id === bedId)) throw appError('notFound', 'error.music.notFound');
      return save({ ...board, music: board.music.map((bed) => (bed.id === bedId ? { ...bed, ...patch } : bed)) });
    },
    removeMusic(id, bedId) {
      const board = get(id);
      if (!board.music.some((bed) => bed.id === bedId)) throw appError('notFound', 'error.music.notFound');
      return save({ ...board, music: board.music.filter((bed) => bed.id !== bedId) });
    },
    chooseTake(id, shotId, jobId) {
      return save(
        withShot(get(id), shotId, (shot) => {
          if (jobId !== null && !shot.takes.some((take) => take.jobId === jobId)) throw shotMissing();
          return { ...shot, chosenJobId: jobId };
        }),
      );
    },
    extendTake(id, shotId, jobId) {
      const board = get(id);
      const index = indexOfShot(board, shotId);
      const shot = board.shots[index];
      if (!shot || !shot.takes.some((take) => take.jobId === jobId)) throw shotMissing();
      const model = findModel(deps.catalog(), shot.model);
      if (model?.extend !== 'remix')
        throw appError('invalidInput', 'error.board.cannotExtend', { model: model?.label ?? shot.model });
      const taskId = deps.taskForJob(jobId);
      if (!taskId) throw appError('invalidInput', 'error.board.takeNotSent');
      const extension: Shot = {
        ...blankShot(board, index),
        model: shot.model,
        params: shot.params,
        extendsTake: { jobId, taskId },
      };
      return save(insertShot(board, extension, index + 1));
    },
    plan: (id, scope) => plan(get(id), scope),
    generate,
  };
}
