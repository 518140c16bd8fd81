import { aspectKeyOf } from '../../../shared/catalog/aspect-ratio';
import { SNAPSHOT_CATALOG } from '../../../shared/catalog/model-catalog';
import { aspectValueFor, choicesFor, durationsOf, findModel } from '../../../shared/catalog/model-lookup';
import type { VideoModel } from '../../../shared/catalog/video-model';
import type { Draft, GenerationParams } from '../../../shared/drafts/draft-models';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';

// The window offers the shipped catalog; the live one (and a searchable picker) comes with the redesigned workbench.
const CATALOG = SNAPSHOT_CATALOG;
const OFFERED = CATALOG.models.filter((model) => model.state !== 'unavailable');

/** The model's shapes, each once (`landscape` and `16:9` are one shape), in the model's own first spelling. */
function shapesOf(model: VideoModel): { key: string; value: string }[] {
  const seen = new Map<string, string>();
  for (const value of choicesFor(model, 'aspect')) {
    const key = aspectKeyOf(value) ?? String(value);
    if (!seen.has(key)) seen.set(key, String(value));
  }
  return [...seen].map(([key, value]) => ({ key, value }));
}

/** What the fields become on another model: what it also allows is kept, the rest falls back to its defaults. */
function fitTo(next: VideoModel, current: GenerationParams): GenerationParams {
  const durations = durationsOf(next);
  const duration =
    durations.kind === 'list'
      ? durations.seconds.includes(current.duration)
        ? current.duration
        : (durations.seconds[0] ?? current.duration)
      : durations.kind === 'range'
        ? Math.min(durations.max, Math.max(durations.min, current.duration))
        : (durations.seconds ?? current.duration);
  const resolutions = choicesFor(next, 'resolution').map(String);
  return {
    model: next.id,
    duration,
    aspect: String(aspectValueFor(next, current.aspect) ?? shapesOf(next)[0]?.value ?? current.aspect),
    resolution: resolutions.includes(current.resolution) ? current.resolution : (resolutions[0] ?? current.resolution),
  };
}

/** Model, duration, shape and resolution, offering only what the model's parameters (and so the API) allow. */
export function GenerationControls({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const { edit } = useWorkbenchStore.getState();
  const model = findModel(CATALOG, draft.params.model) ?? OFFERED[0];
  if (!model) return null;
  const chooseModel = (id: string) => {
    const next = findModel(CATALOG, id);
    if (next) edit({ params: fitTo(next, draft.params) });
  };
  const durations = durationsOf(model);
  const currentShape = aspectKeyOf(draft.params.aspect);
  const resolutions = choicesFor(model, 'resolution').map(String);
  const shapeLabel = (key: string) =>
    key === '16:9' ? t('workbench.aspect.landscape') : key === '9:16' ? t('workbench.aspect.portrait') : key;
  return (
    <div className="controls">
      <label>
        {t('workbench.model')}
        <select data-testid="model" value={model.id} onChange={(event) => chooseModel(event.target.value)}>
          {OFFERED.map((candidate) => (
            <option
              key={candidate.id}
              value={candidate.id}
              title={translate.format(`catalog.model.${candidate.id}`) ?? candidate.description}
            >
              {candidate.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('workbench.duration')}</legend>
        {durations.kind === 'list' &&
          durations.seconds.map((seconds) => (
            <label key={seconds} className="segment">
              <input
                type="radio"
                name="duration"
                value={seconds}
                checked={draft.params.duration === seconds}
                onChange={() => edit({ params: { duration: seconds } })}
              />
              {t('workbench.seconds', { seconds })}
            </label>
          ))}
        {durations.kind === 'range' && (
          <input
            type="number"
            data-testid="duration"
            aria-label={t('workbench.duration')}
            min={durations.min}
            max={durations.max}
            step={1}
            value={draft.params.duration}
            onChange={(event) => {
              const seconds = Math.round(Number(event.target.value));
              if (Number.isFinite(seconds))
                edit({ params: { duration: Math.min(durations.max, Math.max(durations.min, seconds)) } });
            }}
          />
        )}
        {durations.kind === 'fixed' && durations.seconds !== null && (
          <span className="segment">{t('workbench.seconds', { seconds: durations.seconds })}</span>
        )}
      </fieldset>
      {shapesOf(model).length > 0 && (
        <fieldset>
          <legend>{t('workbench.aspect')}</legend>
          {shapesOf(model).map(({ key, value }) => (
            <label key={key} className="segment">
              <input
                type="radio"
                name="aspect"
                value={value}
                data-testid={`aspect-${key}`}
                checked={currentShape === key}
                onChange={() => edit({ params: { aspect: value } })}
              />
              {shapeLabel(key)}
            </label>
          ))}
        </fieldset>
      )}
      {resolutions.length > 0 && (
        <label>
          {t('workbench.resolution')}
          <select
            data-testid="resolution"
            value={draft.params.resolution}
            onChange={(event) => edit({ params: { resolution: event.target.value } })}
          >
            {resolutions.map((resolution) => (
              <option key={resolution} value={resolution}>
                {translate.format(`catalog.resolution.${resolution}`) ?? resolution}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
