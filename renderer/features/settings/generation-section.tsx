import { PRICES_SEEN } from '../../../shared/catalog/snapshot/snapshot-model';
import { SNAPSHOT_MODELS } from '../../../shared/catalog/snapshot';
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
  // The shipped price stays visible beside the user's own, which replaces it in the merged catalog.
  const shippedPrice = (id: string) => SNAPSHOT_MODELS.find((entry) => entry.id === id)?.price?.perSecond ?? null;
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
      {/* One aligned table: the model, the price APIMart listed (dated), and yours, which wins when set. */}
      <table className="price-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.price.model')}</th>
            <th scope="col">{t('settings.price.shipped')}</th>
            <th scope="col">{t('settings.price.yours')}</th>
          </tr>
        </thead>
        <tbody>
          {catalog.models.map((model) => (
            <tr key={model.id}>
              <th scope="row">{model.label}</th>
              <td className="price-shipped">
                {shippedPrice(model.id) === null
                  ? '—'
                  : t('settings.price.asOf', {
                      price: translate.number(shippedPrice(model.id) ?? 0, { maximumFractionDigits: 4 }),
                      date: PRICES_SEEN,
                    })}
              </td>
              <td>
                <input
                  id={`price-${model.id}`}
                  data-testid={`price-${model.id}`}
                  aria-label={t('settings.price.label', { model: model.label })}
                  type="number"
                  min={0}
                  step="0.001"
                  defaultValue={settings.prices[model.id] ?? ''}
                  onBlur={(event) => {
                    const value = event.target.value === '' ? null : Number(event.target.value);
                    const prices = { ...settings.prices };
                    if (value === null || Number.isNaN(value)) delete prices[model.id];
                    else prices[model.id] = value;
                    void update({ prices });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('settings.price.help')}</p>
    </section>
  );
}
