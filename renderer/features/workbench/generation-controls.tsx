import { findModel } from '../../../shared/catalog/catalog-lookup';
import { MODEL_CATALOG } from '../../../shared/catalog/model-catalog';
import type { Draft } from '../../../shared/drafts/draft-models';
import { useWorkbenchStore } from './workbench-store';
import { useTranslator } from '../../i18n/use-translator';

/** Model, duration, shape and resolution, offering only what the catalog (and so the API) allows. */
export function GenerationControls({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const { t } = translate;
  const { edit } = useWorkbenchStore.getState();
  const model = findModel(MODEL_CATALOG, draft.params.model) ?? MODEL_CATALOG.models[0];
  if (!model) return null;
  const chooseModel = (id: string) => {
    const next = findModel(MODEL_CATALOG, id);
    if (!next) return;
    // Keep what the new model also allows; otherwise fall back to its defaults.
    edit({
      params: {
        model: id,
        duration: next.durations.includes(draft.params.duration) ? draft.params.duration : next.defaultDuration,
        aspect: next.aspects.includes(draft.params.aspect) ? draft.params.aspect : (next.aspects[0] ?? 'landscape'),
        resolution: next.resolutions.some((resolution) => resolution.id === draft.params.resolution)
          ? draft.params.resolution
          : next.defaultResolution,
      },
    });
  };
  return (
    <div className="controls">
      <label>
        {t('workbench.model')}
        <select data-testid="model" value={model.id} onChange={(event) => chooseModel(event.target.value)}>
          {MODEL_CATALOG.models.map((candidate) => (
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
        {model.durations.map((seconds) => (
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
      </fieldset>
      <fieldset>
        <legend>{t('workbench.aspect')}</legend>
        {model.aspects.map((aspect) => (
          <label key={aspect} className="segment">
            <input
              type="radio"
              name="aspect"
              value={aspect}
              data-testid={`aspect-${aspect}`}
              checked={draft.params.aspect === aspect}
              onChange={() => edit({ params: { aspect } })}
            />
            {t(`workbench.aspect.${aspect}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {model.sendsResolution ? t('workbench.resolution') : t('workbench.resolutionProOnly')}
        <select
          data-testid="resolution"
          value={draft.params.resolution}
          disabled={!model.sendsResolution}
          onChange={(event) => edit({ params: { resolution: event.target.value } })}
        >
          {model.resolutions.map((resolution) => (
            <option key={resolution.id} value={resolution.id}>
              {translate.format(`catalog.resolution.${resolution.id}`) ?? resolution.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
