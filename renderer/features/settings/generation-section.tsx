import { ChevronRight, Gauge } from 'lucide-react';
import { PRICES_SEEN } from '../../../shared/catalog/snapshot/snapshot-model';
import { SNAPSHOT_MODELS } from '../../../shared/catalog/snapshot';
import { useModelsStore } from '../models';
import { useSettingsStore } from '../../lib/settings-store';
import { SettingRow, SettingsSection } from './setting-row';
import { SelectMenu } from '../../ui/select-menu';
import { useTranslator } from '../../i18n/use-translator';
import { SPEECH_MODEL } from '../../../shared/audio/speech';

/** How many jobs run at once, and the user's prices per second (for cost estimates). */
export function GenerationSection() {
  const translate = useTranslator();
  const catalog = useModelsStore((state) => state.catalog);
  const { t } = translate;
  const settings = useSettingsStore((state) => state.settings);
  const { update } = useSettingsStore.getState();
  if (!settings) return null;
  // The shipped price stays visible beside the user's own, which replaces it in the merged catalog.
  const videoPrices = Object.keys(settings.prices).filter((id) => id !== SPEECH_MODEL).length;
  const shippedPrice = (id: string) => SNAPSHOT_MODELS.find((entry) => entry.id === id)?.price?.perSecond ?? null;
  return (
    <SettingsSection id="settings-generation" title={t('settings.generation.heading')} icon={<Gauge size={16} />}>
      <SettingRow label={t('settings.concurrency.label')} htmlFor="concurrency" hint={t('settings.concurrency.hint')}>
        <SelectMenu
          id="concurrency"
          testId="concurrency"
          value={String(settings.concurrency)}
          onChange={(count) => void update({ concurrency: Number(count) })}
          choices={Array.from({ length: 10 }, (_, index) => ({
            value: String(index + 1),
            label: translate.number(index + 1),
          }))}
        />
      </SettingRow>
      <SettingRow label={t('settings.speechPrice.label')} htmlFor="speech-price" hint={t('settings.speechPrice.hint')}>
        <span className="price-input">
          <input
            id="speech-price"
            data-testid="speech-price"
            type="number"
            min={0}
            step="0.001"
            defaultValue={settings.prices[SPEECH_MODEL] ?? ''}
            onBlur={(event) => {
              const value = event.target.value === '' ? null : Number(event.target.value);
              const { [SPEECH_MODEL]: _previous, ...prices } = settings.prices;
              void update({
                prices: value === null || Number.isNaN(value) ? prices : { ...prices, [SPEECH_MODEL]: value },
              });
            }}
          />
          <span className="unit" aria-hidden="true">
            $
          </span>
        </span>
      </SettingRow>
      {/* One aligned table: the model, the price APIMart listed (dated), and yours, which wins when set. */}
      {/* Folded by default: nineteen rows would push the rest of Settings out of sight. */}
      <details className="price-details" data-testid="prices">
        <summary>
          <ChevronRight size={14} aria-hidden="true" className="advanced-chevron" />
          {t('settings.price.heading')}
          <span className="badge">{translate.number(catalog.models.length)}</span>
          {videoPrices > 0 && (
            <span className="badge badge-accent">{t('settings.price.yoursCount', { count: videoPrices })}</span>
          )}
        </summary>
        <table className="price-table" data-testid="price-table">
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
                        price: translate.money(shippedPrice(model.id) ?? 0),
                        date: PRICES_SEEN,
                      })}
                </td>
                <td>
                  <span className="price-input">
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
                    <span className="unit" aria-hidden="true">
                      {t('settings.price.unit')}
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t('settings.price.help')}</p>
      </details>
    </SettingsSection>
  );
}
