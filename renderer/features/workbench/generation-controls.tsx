import { ChevronRight, SlidersHorizontal } from 'lucide-react';
import { findModel } from '../../../shared/catalog/model-lookup';
import type { ParamSpec, ParamValue } from '../../../shared/catalog/video-model';
import type { Draft } from '../../../shared/drafts/draft-models';
import type { IntentChange } from '../../../shared/intent/intent-models';
import { soundSwitchOf } from '../../../shared/intent/camera-words';
import { useTranslator } from '../../i18n/use-translator';
import { CameraPicker, ModelPicker, useModelsStore } from '../models';
import { useNoticesStore } from '../../lib/notices-store';
import { ParamControl, useParamLabel } from './param-control';
import { useWorkbenchStore } from './workbench-store';
import { useRecentModels } from './use-recent-models';

const MEANINGS = ['duration', 'aspect', 'resolution'] as const;

/** The model and its parameters, the ones every model has first, the rest under "Advanced". */
export function GenerationControls({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const recent = useRecentModels();
  const { t } = translate;
  const labelOf = useParamLabel();
  const { edit, chooseModel } = useWorkbenchStore.getState();
  const catalog = useModelsStore((state) => state.catalog);
  const model = findModel(catalog, draft.model) ?? catalog.models[0];
  if (!model) return null;

  const set = (param: ParamSpec) => (value: ParamValue | undefined) => {
    const { [param.name]: _old, ...rest } = draft.params;
    edit({ params: value === undefined ? rest : { ...rest, [param.name]: value } });
  };
  // Switching models keeps what still fits and says what changed ("12 s isn't offered — set to 10 s").
  const switchTo = (id: string) => {
    const next = findModel(catalog, id);
    const changes = chooseModel(id);
    if (!next || changes.length === 0) return;
    // The change names what the intent calls it (`shape`); the label is the next model's field for it.
    const nextParam = (change: IntentChange) =>
      change.what === 'sound'
        ? soundSwitchOf(next)
        : next.params.find(
            (param) =>
              param.meaning === (change.what === 'shape' ? 'aspect' : change.what) || param.name === change.what,
          );
    const words = changes.map((change) => {
      const param = nextParam(change);
      const field = param ? labelOf(param) : change.what.replace(/_/g, ' ');
      return change.to === null
        ? t('workbench.switched.gone', { field, from: change.from })
        : t('workbench.switched.change', { field, from: change.from, to: change.to });
    });
    useNoticesStore.getState().notify({
      text: { message: { key: 'workbench.switched', params: { model: next.label, changes: words.join('; ') } } },
      testId: 'workbench-notice',
    });
  };
  const main = MEANINGS.flatMap((meaning) => model.params.filter((param) => param.meaning === meaning).slice(0, 1));
  const advanced = model.params.filter((param) => !main.includes(param));
  const control = (param: ParamSpec) => (
    <ParamControl
      key={param.name}
      param={param}
      value={draft.params[param.name]}
      label={labelOf(param)}
      onChange={set(param)}
    />
  );

  return (
    <section className="card controls-card" aria-label={t('workbench.settings')}>
      <ModelPicker value={model.id} onChoose={switchTo} recent={recent} />
      <div className="controls">{main.map(control)}</div>
      <CameraPicker value={draft.camera} onChange={(camera) => edit({ camera })} />
      {advanced.length > 0 && (
        <details className="advanced" data-testid="advanced">
          <summary>
            <ChevronRight size={14} aria-hidden="true" className="advanced-chevron" />
            <SlidersHorizontal size={14} aria-hidden="true" />
            {t('workbench.advanced')}
            <span className="badge">{translate.number(advanced.length)}</span>
          </summary>
          <div className="controls">{advanced.map(control)}</div>
        </details>
      )}
    </section>
  );
}
