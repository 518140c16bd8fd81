import { Check, ChevronsUpDown } from 'lucide-react';
import { SearchField } from '../../ui/search-field';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { VideoModel } from '../../../shared/catalog/video-model';
import { useTranslator } from '../../i18n/use-translator';
import { modelFacts } from './model-facts';
import { useModelsStore } from './models-store';

/** What a search matches: the id, the label, the family. */
const matches = (model: VideoModel, query: string) =>
  query === '' || `${model.id} ${model.label} ${model.family}`.toLowerCase().includes(query.trim().toLowerCase());

/**
 * The model picker: a searchable list grouped by family — recent models first — each with its price per second,
 * lengths, shapes, image inputs and whether APIMart confirmed it today. Opening it asks APIMart for news (at most
 * once a day). Keyboard: type to search, ↑/↓ to move, Enter to choose, Escape to close.
 */
export function ModelPicker({
  value,
  onChoose,
  recent,
  label,
}: {
  value: string;
  onChoose: (modelId: string) => void;
  /** The models used last, newest first: offered at the top. */
  recent: readonly string[];
  /** The field's name where "Model" alone would be ambiguous (beside a chat model, say). */
  label?: string;
}) {
  const translate = useTranslator();
  const { t } = translate;
  const catalog = useModelsStore((state) => state.catalog);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const current = catalog.models.find((model) => model.id === value);

  const groups = useMemo(() => {
    const offered = catalog.models.filter((model) => matches(model, query));
    const byFamily = new Map<string, VideoModel[]>();
    const recentModels = recent.flatMap((id) =>
      offered.filter((model) => model.id === id && model.state !== 'unavailable'),
    );
    if (recentModels.length > 0 && query === '') byFamily.set(t('models.recent'), recentModels);
    // Models APIMart no longer offers go last, in their own place, still visible so a draft that used one makes sense.
    for (const model of [...offered].sort(
      (a, b) => Number(a.state === 'unavailable') - Number(b.state === 'unavailable'),
    )) {
      const family = model.state === 'unavailable' ? t('models.state.unavailable') : model.family;
      byFamily.set(family, [...(byFamily.get(family) ?? []), model]);
    }
    return [...byFamily];
  }, [catalog, query, recent, t]);
  const choices = groups.flatMap(([, models]) => models.filter((model) => model.state !== 'unavailable'));

  useEffect(() => {
    if (!open) return undefined;
    void useModelsStore.getState().refresh();
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const choose = (model: VideoModel | undefined) => {
    if (!model || model.state === 'unavailable') return;
    setOpen(false);
    // Focus goes back where it came from, so the keyboard carries on from the picker.
    trigger.current?.focus();
    setQuery('');
    if (model.id !== value) onChoose(model.id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + choices.length) % Math.max(1, choices.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(choices[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      trigger.current?.focus();
    }
  };
  const activeId = choices[active]?.id;

  return (
    <div className="model-picker" ref={root}>
      <span className="field-label" id="model-picker-label">
        {label ?? t('workbench.model')}
      </span>
      <button
        type="button"
        ref={trigger}
        className="model-picker-button"
        data-testid="model"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-labelledby="model-picker-label model-picker-current model-picker-state model-picker-facts"
        onClick={() => {
          setOpen(!open);
          setActive(0);
        }}
      >
        <span className="model-picker-text">
          <span className="model-picker-name">
            <span id="model-picker-current">{current?.label ?? value}</span>{' '}
            {current && current.state !== 'confirmed' && (
              <span id="model-picker-state" className={`model-state model-state-${current.state}`}>
                {t(`models.state.${current.state}`)}
              </span>
            )}
          </span>{' '}
          {current && (
            <span className="model-picker-facts" id="model-picker-facts">
              {modelFacts(current, translate)}
            </span>
          )}
        </span>
        <ChevronsUpDown size={16} aria-hidden="true" />
      </button>
      {open && (
        <div className="model-picker-panel popover">
          <SearchField
            data-testid="model-search"
            aria-label={t('models.search')}
            aria-controls="model-options"
            aria-activedescendant={activeId ? `model-option-${activeId}` : undefined}
            placeholder={t('models.search')}
            value={query}
            // The list opens for typing: focus goes to the search at once.
            autoFocus
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <div id="model-options" role="listbox" aria-label={t('workbench.model')} className="model-options">
            {groups.length === 0 && <p className="hint">{t('models.none', { query })}</p>}
            {groups.map(([family, models]) => (
              <div role="group" aria-label={family} key={family}>
                <div className="model-family">{family}</div>
                {models.map((model) => (
                  <div
                    key={`${family}-${model.id}`}
                    id={family === t('models.recent') ? undefined : `model-option-${model.id}`}
                    role="option"
                    data-testid={
                      family === t('models.recent') ? `model-recent-${model.id}` : `model-option-${model.id}`
                    }
                    aria-selected={model.id === value}
                    aria-disabled={model.state === 'unavailable'}
                    className={`model-option${model.id === activeId && family !== t('models.recent') ? ' active' : ''}`}
                    onClick={() => choose(model)}
                  >
                    <span className="model-option-name">
                      <span className="model-option-check" aria-hidden="true">
                        {model.id === value && <Check size={14} />}
                      </span>
                      {model.label}
                      {model.state !== 'confirmed' && (
                        <span className={`model-state model-state-${model.state}`}>
                          {t(`models.state.${model.state}`)}
                        </span>
                      )}
                    </span>
                    <span className="model-option-facts">{modelFacts(model, translate)}</span>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
