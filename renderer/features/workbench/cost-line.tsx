import { useModelsStore } from '../models';
import { findModel, secondsOf } from '../../../shared/catalog/model-lookup';
import type { Draft } from '../../../shared/drafts/draft-models';
import { useSettingsStore } from '../../lib/settings-store';
import { costOf } from '../../../shared/text/money';
import { useTranslator } from '../../i18n/use-translator';

/**
 * "8 s · Veo 3.1 Fast · ≈ $0.64" beside Generate: what a generation makes and costs (your price per second, or
 * APIMart's dated one), the arithmetic in its tooltip.
 */
export function CostLine({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const userPrice = useSettingsStore((state) => state.settings?.prices[draft.model]);
  const catalog = useModelsStore((state) => state.catalog);
  const model = findModel(catalog, draft.model);
  const price = userPrice ?? model?.price.perSecond ?? undefined;
  const seconds = (model ? secondsOf(model, draft.params) : null) ?? 0;
  const label = model?.label ?? draft.model;
  const cost = price === undefined ? null : translate.money(costOf(price, seconds));
  return (
    <p
      className="cost-line"
      data-testid="cost-line"
      title={
        price === undefined
          ? undefined
          : translate.t('workbench.cost', {
              seconds,
              price: translate.money(price),
              cost: cost ?? '',
            })
      }
    >
      {cost === null
        ? translate.t('workbench.costSummaryUnknown', { seconds, model: label })
        : translate.t('workbench.costSummary', { seconds, model: label, cost })}
    </p>
  );
}
