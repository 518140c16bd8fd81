import { WifiOff } from 'lucide-react';
import { useOnline } from '../../lib/use-online';
import { useTranslator } from '../../i18n/use-translator';

/** Says, calmly, that the network is gone and what still works. */
export function OfflineBanner() {
  const translate = useTranslator();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <WifiOff size={15} aria-hidden="true" />
      {translate.t('offline.banner')}
    </div>
  );
}
