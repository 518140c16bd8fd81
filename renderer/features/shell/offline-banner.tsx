import type { Translator } from '../../i18n/i18n';
import { useOnline } from './use-online';

/** Says, calmly, that the network is gone and what still works. */
export function OfflineBanner({ translate }: { translate: Translator }) {
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {translate.t('offline.banner')}
    </div>
  );
}
