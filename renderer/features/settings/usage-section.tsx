import { Receipt } from 'lucide-react';
import { useEffect } from 'react';
import type { Usage } from '../../../shared/jobs/job-models';
import { useTranslator } from '../../i18n/use-translator';
import { SettingRow, SettingsSection } from './setting-row';
import { useSettingsStore } from '../../lib/settings-store';

/** What was spent, today and this month: videos (billed seconds), chat (tokens) and spoken lines, each with its cost. */
export function UsageSection() {
  const translate = useTranslator();
  const { t } = translate;
  const usage = useSettingsStore((state) => state.usage);
  useEffect(() => void useSettingsStore.getState().loadUsage(), []);
  if (!usage) return null;
  // Nothing spent is $0.00, not "cost unknown".
  const money = (value: number | null, count: number) =>
    count === 0
      ? `$${translate.money(0)}`
      : value === null
        ? t('settings.usage.costUnknown')
        : `$${translate.money(value)}`;
  const videos = (period: Usage['today']) =>
    t('settings.usage.videos', {
      count: period.jobs,
      seconds: translate.number(period.seconds),
      cost: money(period.cost, period.jobs),
    });
  const chat = (period: Usage['chat']['today']) =>
    t('settings.usage.chat', {
      count: period.requests,
      tokens: translate.number(period.tokens),
      cost: money(period.cost, period.requests),
    });
  const speech = (period: Usage['speech']['today']) =>
    t('settings.usage.speech', {
      count: period.requests,
      seconds: translate.number(period.seconds, { maximumFractionDigits: 1 }),
      cost: money(period.cost, period.requests),
    });
  return (
    <SettingsSection id="settings-usage" title={t('settings.usage.heading')} icon={<Receipt size={16} />}>
      <SettingRow label={t('settings.usage.today')}>
        <p className="usage-line" data-testid="usage-today">
          {videos(usage.today)}
          <br />
          {chat(usage.chat.today)}
          <br />
          {speech(usage.speech.today)}
        </p>
      </SettingRow>
      <SettingRow label={t('settings.usage.month')} hint={t('settings.usage.hint')}>
        <p className="usage-line" data-testid="usage-month">
          {videos(usage.month)}
          <br />
          {chat(usage.chat.month)}
          <br />
          {speech(usage.speech.month)}
        </p>
      </SettingRow>
    </SettingsSection>
  );
}
