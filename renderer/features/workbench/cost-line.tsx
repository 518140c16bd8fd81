import { useModelsStore } from '../models/models-store';
import { findModel, secondsOf } from '../../../shared/catalog/model-lookup';
import type { Draft } from '../../../shared/drafts/draft-models';
import { useSettingsStore } from '../settings/settings-store';
import { useTranslator } from '../../i18n/use-translator';

/** "8 s × 0.10 per second = 0.80": honest about what a generation costs (with the user's own prices). */
export function CostLine({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const userPrice = useSettingsStore((state) => state.settings?.prices[draft.model]);
  const catalog = useModelsStore((state) => state.catalog);
  const model = findModel(catalog, draft.model);
  const price = userPrice ?? model?.price.perSecond ?? undefined;
  const seconds = (model ? secondsOf(model, draft.params) : null) ?? 0;
  return (
    <p className="cost-line" data-testid="cost-line">
      {price === undefined
        ? translate.t('workbench.costUnknown', { seconds })
        : translate.t('workbench.cost', {
            seconds,
            price: translate.number(price),
            cost: translate.number(price * seconds, { maximumFractionDigits: 4 }),
          })}
    </p>
  );
}
