import { Copy, ImagePlus, Loader2, Sparkles, Trash2, Wand2, X } from 'lucide-react';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Shot, Storyboard } from '../../../shared/boards/board-models';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ParamSpec, ParamValue } from '../../../shared/catalog/video-model';
import { fitToModel } from '../../../shared/drafts/draft-request';
import { useTranslator } from '../../i18n/use-translator';
import { SwitchField } from '../../ui/switch-field';
import { IconButton } from '../../ui/icon-button';
import { CameraPicker, ModelPicker, useModelsStore } from '../models';
import { ParamControl, useParamLabel, useRecentModels } from '../workbench';
import { useBoardsStore } from './boards-store';
import { TakeList } from './take-list';
import { useFramePreview } from './use-frame-preview';
import { ShotCast } from './shot-cast';
import { RefinePanel } from './refine-panel';
import { ShotVoice } from './shot-voice';
import { ShotTrim } from './shot-trim';
import { useRefineStore } from './refine-store';

const MEANINGS = ['duration', 'aspect', 'resolution'] as const;

/** The chosen shot: its prompt, model and settings, first frame (or the previous shot's last), and its takes. */
export function ShotInspector({ board, shot, index }: { board: Storyboard; shot: Shot; index: number }) {
  const translate = useTranslator();
  const recent = useRecentModels();
  const { t } = translate;
  const catalog = useModelsStore((state) => state.catalog);
  const grabbing = useBoardsStore((state) => state.grabbing === shot.id);
  const refining = useRefineStore((state) => state.running && state.shotId === shot.id);
  const { editShot, askGenerate, duplicateShot, removeShot, continueFrom, pickFirstFrame, setFirstFrame } =
    useBoardsStore.getState();
  const model = findModel(catalog, shot.model);
  const first = shot.images.find((image) => image.role === 'first') ?? null;
  const preview = useFramePreview(first?.path ?? null, shot.model, shot.params);
  const previous = board.shots[index - 1];
  const previousHasTake = previous ? chosenTake(previous) !== null : false;
  const takesFirst =
    shot.extendsTake === null && (model?.images.some((input) => input.roles.includes('first')) ?? false);
  const extended = shot.extendsTake
    ? board.shots.flatMap((other, at) => {
        const take = other.takes.findIndex((candidate) => candidate.jobId === shot.extendsTake?.jobId);
        return take >= 0 ? [{ shot: at + 1, take: take + 1 }] : [];
      })[0]
    : undefined;

  const labelOf = useParamLabel();
  const set = (param: ParamSpec) => (value: ParamValue | undefined) => {
    const { [param.name]: _old, ...rest } = shot.params;
    editShot(shot.id, { params: value === undefined ? rest : { ...rest, [param.name]: value } });
  };
  const main = model
    ? MEANINGS.flatMap((meaning) => model.params.filter((param) => param.meaning === meaning).slice(0, 1))
    : [];

  return (
    <aside
      className="shot-inspector"
      aria-label={t('boards.shotHeading', { number: index + 1 })}
      data-testid="shot-inspector"
    >
      <div className="panel-head">
        <h2 className="section-title">{t('boards.shotHeading', { number: index + 1 })}</h2>
        <div className="button-row compact-actions">
          <IconButton
            icon={Copy}
            label={t('boards.duplicateShot')}
            testId="shot-duplicate"
            onClick={() => void duplicateShot(shot.id)}
          />
          <IconButton
            icon={Trash2}
            label={t('boards.deleteShot')}
            testId="shot-delete"
            onClick={() => void removeShot(shot.id)}
          />
        </div>
      </div>
      <div className="scroll-panel inspector-body">
        {shot.extendsTake && (
          <p className="badge badge-accent shot-extends" data-testid="shot-extends">
            {extended ? t('boards.extends', extended) : t('boards.extendsShort')}
          </p>
        )}
        <div className="field">
          <div className="field-label-row">
            <label className="field-label" htmlFor={`shot-prompt-${shot.id}`}>
              {t('workbench.prompt')}
            </label>
            <button
              type="button"
              className="small ghost"
              data-testid="shot-refine"
              disabled={shot.prompt.trim() === '' || refining}
              title={t('refine.tip', { model: model?.label ?? shot.model })}
              onClick={() => void useRefineStore.getState().ask(board.id, shot.id)}
            >
              <Wand2 size={14} aria-hidden="true" />
              {t('refine.button')}
            </button>
          </div>
          <textarea
            id={`shot-prompt-${shot.id}`}
            data-testid="shot-prompt"
            value={shot.prompt}
            rows={6}
            maxLength={10_000}
            placeholder={shot.extendsTake ? t('boards.extendPlaceholder') : t('boards.promptPlaceholder')}
            onChange={(event) => editShot(shot.id, { prompt: event.target.value })}
          />
        </div>
        <RefinePanel shotId={shot.id} prompt={shot.prompt} model={model?.label ?? shot.model} />
        <ModelPicker
          value={shot.model}
          recent={recent}
          onChoose={(id) => {
            const { settings, modelExtras, camera } = fitToModel(catalog, shot, id);
            editShot(shot.id, { model: settings.model, params: settings.params, modelExtras, camera });
          }}
        />
        <div className="controls">
          {main.map((param) => (
            <ParamControl
              key={param.name}
              param={param}
              value={shot.params[param.name]}
              label={labelOf(param)}
              onChange={set(param)}
            />
          ))}
        </div>
        {!shot.extendsTake && <CameraPicker value={shot.camera} onChange={(camera) => editShot(shot.id, { camera })} />}
        <ShotCast board={board} shot={shot} model={model} />
        {takesFirst && (
          <div className="first-frame">
            <span className="field-label">{t('boards.firstFrame')}</span>
            {index > 0 && (
              <SwitchField
                checked={shot.continueFromPrevious}
                disabled={!previousHasTake && !shot.continueFromPrevious}
                label={previousHasTake ? t('boards.continue') : t('boards.continueNeedsTake')}
                testId="shot-continue"
                onChange={(on) => void continueFrom(shot.id, on)}
              />
            )}
            <div className="first-frame-box" data-testid="shot-first-frame">
              {grabbing ? (
                <Loader2 size={18} className="spin" aria-label={t('boards.grabbing')} />
              ) : preview ? (
                <>
                  <img src={preview} alt={t('boards.firstFrame')} />
                  <IconButton
                    icon={X}
                    label={t('boards.removeFrame')}
                    className="frame-remove"
                    onClick={() => void setFirstFrame(shot.id, null)}
                  />
                </>
              ) : (
                <button type="button" className="small" onClick={() => void pickFirstFrame(shot.id)}>
                  <ImagePlus size={14} aria-hidden="true" />
                  {t('boards.pickFrame')}
                </button>
              )}
            </div>
          </div>
        )}
        {chosenTake(shot) && <ShotTrim shot={shot} />}
        <ShotVoice board={board} shot={shot} />
        <TakeList shot={shot} canExtend={model?.extend === 'remix'} />
      </div>
      <div className="inspector-foot" data-toast-avoid="">
        <button
          type="button"
          className="primary"
          data-testid="shot-generate"
          onClick={() => void askGenerate({ kind: 'shot', shotId: shot.id })}
        >
          <Sparkles size={15} aria-hidden="true" />
          {shot.takes.length > 0 ? t('boards.generateAgain') : t('boards.generateShot')}
        </button>
      </div>
    </aside>
  );
}
