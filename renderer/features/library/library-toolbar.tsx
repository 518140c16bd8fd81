import { useLibraryStore } from './library-store';
import { useTranslator } from '../../i18n/use-translator';

/** Search, sort and the favorites filter. */
export function LibraryToolbar() {
  const translate = useTranslator();
  const { t } = translate;
  const query = useLibraryStore((state) => state.query);
  const total = useLibraryStore((state) => state.total);
  const { setQuery } = useLibraryStore.getState();
  return (
    <div className="library-toolbar">
      <input
        type="search"
        data-testid="library-search"
        aria-label={t('library.search')}
        placeholder={t('library.search')}
        value={query.search}
        onChange={(event) => setQuery({ search: event.target.value })}
      />
      <label>
        {t('library.sort.label')}{' '}
        <select
          data-testid="library-sort"
          value={query.search.trim() ? 'relevance' : query.sort}
          disabled={query.search.trim() !== ''}
          onChange={(event) => setQuery({ sort: event.target.value as typeof query.sort })}
        >
          {(['newest', 'oldest', 'duration', 'title', 'relevance'] as const).map((sort) => (
            <option key={sort} value={sort} disabled={sort === 'relevance' && !query.search.trim()}>
              {t(`library.sort.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="library-favorites"
          checked={query.favorites}
          onChange={(event) => setQuery({ favorites: event.target.checked })}
        />{' '}
        {t('library.favoritesOnly')}
      </label>
      <span className="library-count" data-testid="library-count">
        {t('library.count', { count: total })}
      </span>
    </div>
  );
}
