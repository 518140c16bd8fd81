import type { Draft } from '../../../shared/drafts/draft-models';
import { useSettingsStore } from '../settings/settings-store';
import { useTranslator } from '../../i18n/use-translator';

/** "8 s × 0.10 per second = 0.80": honest about what a generation costs (with the user's own prices). */
export function CostLine({ draft }: { draft: Draft }) {
  const translate = useTranslator();
  const price = useSettingsStore((state) => state.settings?.prices[draft.params.model]);
  const seconds = draft.params.duration;
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
