import { useModelsStore } from '../models/models-store';
import { useSettingsStore } from './settings-store';
import { useTranslator } from '../../i18n/use-translator';

/** How many jobs run at once, and the user's prices per second (for cost estimates). */
export function GenerationSection() {
  const translate = useTranslator();
  const catalog = useModelsStore((state) => state.catalog);
  const { t } = translate;
  const settings = useSettingsStore((state) => state.settings);
  const { update } = useSettingsStore.getState();
  if (!settings) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-generation">
      <h2 id="settings-generation">{t('settings.generation.heading')}</h2>
      <div className="field-row">
        <label htmlFor="concurrency">{t('settings.concurrency.label')}</label>
        <select
          id="concurrency"
          data-testid="concurrency"
          value={settings.concurrency}
          onChange={(event) => void update({ concurrency: Number(event.target.value) })}
        >
          {Array.from({ length: 10 }, (_, index) => index + 1).map((count) => (
            <option key={count} value={count}>
              {translate.number(count)}
            </option>
          ))}
        </select>
      </div>
      {catalog.models.map((model) => (
        <div className="field-row" key={model.id}>
          <label htmlFor={`price-${model.id}`}>{t('settings.price.label', { model: model.label })}</label>
          <input
            id={`price-${model.id}`}
            data-testid={`price-${model.id}`}
            type="number"
            min={0}
            step="0.001"
            defaultValue={settings.prices[model.id] ?? ''}
            placeholder={model.price.perSecond === null ? '' : String(model.price.perSecond)}
            onBlur={(event) => {
              const value = event.target.value === '' ? null : Number(event.target.value);
              const prices = { ...settings.prices };
              if (value === null || Number.isNaN(value)) delete prices[model.id];
              else prices[model.id] = value;
              void update({ prices });
            }}
          />
        </div>
      ))}
      <p className="hint">{t('settings.price.help')}</p>
    </section>
  );
}
