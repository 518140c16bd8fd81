import type { Draft } from '../../../shared/drafts/draft-models';
import type { Translator } from '../../i18n/i18n';
import { useSettingsStore } from '../settings/settings-store';

/** "8 s × 0.10 per second = 0.80": honest about what a generation costs (with the user's own prices). */
export function CostLine({ draft, translate }: { draft: Draft; translate: Translator }) {
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
